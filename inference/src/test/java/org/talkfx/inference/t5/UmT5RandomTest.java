package org.talkfx.inference.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.Weights;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Random tiny umT5 encoders written in several dtypes, loaded back through the real loader and run. */
class UmT5RandomTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsInEveryStoredDtypeAndTrimsPadding() {
        UmT5Config config = new UmT5Config(300, 24, 16, 40, 2, 3, 16, false, 1e-6f);
        long[] ids = {17, 250, 3, 99, 1, 0, 0};
        for (DType dtype : new DType[]{DType.F32, DType.F16, DType.F8_E4M3}) {
            Path file = tmp.resolve("t5-" + dtype + ".safetensors");
            SafetensorsWriter.write(file, UmT5Encoder.randomWeights(config, 11, dtype), Map.of());
            try (SafetensorsFile f = SafetensorsFile.open(file); NDManager m = Engines.pytorch().newBaseManager();
                 UmT5Encoder enc = UmT5Encoder.load(m, Weights.of(f))) {
                assertThat(enc.config()).isEqualTo(config);
                NDArray out = enc.encode(m, ids);
                assertThat(out.getShape().getShape()).containsExactly(5, 24);
                NDArray padded = enc.encodePadded(m, ids, new long[]{1, 1, 1, 1, 1, 0, 0});
                float[] real = padded.get("0, 0:5").toFloatArray();
                float[] trimmed = out.toFloatArray();
                for (int i = 0; i < real.length; i++) {
                    assertThat(trimmed[i]).isCloseTo(real[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @Test
    void sharedPositionBiasIsDetected() {
        UmT5Config config = new UmT5Config(64, 16, 16, 32, 4, 2, 32, true, 1e-6f);
        Path file = tmp.resolve("t5-shared.safetensors");
        SafetensorsWriter.write(file, UmT5Encoder.randomWeights(config, 5), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file); NDManager m = Engines.pytorch().newBaseManager();
             UmT5Encoder enc = UmT5Encoder.load(m, Weights.of(f))) {
            assertThat(enc.config().sharedPos()).isTrue();
            assertThat(enc.encode(m, new long[]{5, 6, 7, 1}).getShape().getShape()).containsExactly(4, 16);
        }
    }
}
