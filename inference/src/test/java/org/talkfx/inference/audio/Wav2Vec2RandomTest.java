package org.talkfx.inference.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Random tiny wav2vec2 models written as real checkpoints in several dtypes and key layouts, then loaded and run. */
class Wav2Vec2RandomTest {
    @TempDir
    Path tmp;

    private static final Wav2Vec2Config SMALL = new Wav2Vec2Config(new int[]{16, 16, 16, 16, 16, 16, 16},
            Wav2Vec2Config.STANDARD_KERNELS, Wav2Vec2Config.STANDARD_STRIDES, 24, 3, 3, 40, 8, 4, 1e-5f);

    @Test
    void roundTripsThroughSafetensorsInEveryStoredDtype() {
        float[] audio = tone(16000 * 3 / 2);
        float[] reference = null;
        for (DType dtype : new DType[]{DType.F32, DType.F16, DType.F8_E4M3}) {
            Path file = tmp.resolve("w2v-" + dtype + ".safetensors");
            SafetensorsWriter.write(file, Wav2Vec2.randomWeights(SMALL, 7, dtype), Map.of());
            try (SafetensorsFile f = SafetensorsFile.open(file); NDManager m = Engines.pytorch().newBaseManager();
                 Wav2Vec2 model = Wav2Vec2.load(m, Weights.of(f))) {
                assertThat(model.config().convDims()).containsExactly(SMALL.convDims());
                assertThat(model.config().layers()).isEqualTo(3);
                assertThat(model.config().ffn()).isEqualTo(40);
                assertThat(model.config().posConvGroups()).isEqualTo(4);
                NDArray emb = model.embed(m, audio, 37);
                assertThat(emb.getShape().getShape()).containsExactly(37, 3, 24);
                float[] values = emb.toFloatArray();
                for (float v : values) {
                    assertThat(v).isFinite();
                }
                if (reference == null) {
                    reference = values;
                } else {
                    // narrower storage perturbs the weights, so outputs move, but stay correlated with fp32
                    assertThat(correlation(reference, values)).as(dtype + " vs F32").isGreaterThan(0.8);
                }
            }
        }
    }

    @Test
    void readsPrefixedCheckpointsWithParametrizedWeightNorm() {
        Map<String, TensorData> plain = Wav2Vec2.randomWeights(SMALL, 3);
        Map<String, TensorData> repacked = new LinkedHashMap<>();
        plain.forEach((k, v) -> repacked.put("wav2vec2." + k
                .replace("conv.weight_g", "conv.parametrizations.weight.original0")
                .replace("conv.weight_v", "conv.parametrizations.weight.original1"), v));
        Path a = tmp.resolve("plain.safetensors");
        Path b = tmp.resolve("repacked.safetensors");
        SafetensorsWriter.write(a, plain, Map.of());
        SafetensorsWriter.write(b, repacked, Map.of());
        float[] audio = tone(8000);
        try (SafetensorsFile fa = SafetensorsFile.open(a); SafetensorsFile fb = SafetensorsFile.open(b);
             NDManager m = Engines.pytorch().newBaseManager();
             Wav2Vec2 ma = Wav2Vec2.load(m, Weights.of(fa)); Wav2Vec2 mb = Wav2Vec2.load(m, Weights.of(fb))) {
            assertThat(mb.embed(m, audio, 12).toFloatArray()).containsExactly(ma.embed(m, audio, 12).toFloatArray());
        }
    }

    @Test
    void refusesFilesThatAreNotWav2Vec2() {
        Path file = tmp.resolve("other.safetensors");
        SafetensorsWriter.write(file, Map.of("blocks.0.norm1.weight", TensorData.f32(new long[]{2}, new float[2])),
                Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file); NDManager m = Engines.pytorch().newBaseManager()) {
            assertThatThrownBy(() -> Wav2Vec2.load(m, Weights.of(f)))
                    .hasMessageContaining("other.safetensors").hasMessageContaining("not a wav2vec2 checkpoint");
        }
    }

    private static float[] tone(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0) + 0.1 * Math.sin(2 * Math.PI * 1330 * i / 16000.0));
        }
        return a;
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double num = 0, da = 0, db = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }
        return num / Math.sqrt(da * db);
    }
}
