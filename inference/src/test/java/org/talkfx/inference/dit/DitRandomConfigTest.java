package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Random tiny checkpoints written with the real key names, stored as fp32, fp16 and fp8, through the real loader. */
class DitRandomConfigTest {
    private static final DitPlacement CPU32 = DitPlacement.on(ai.djl.Device.cpu(), ai.djl.ndarray.types.DataType.FLOAT32);
    @TempDir
    Path tmp;

    @Test
    void randomWeightsHaveTheOfficialKeysAndShapes() {
        try (SafetensorsFile f = SafetensorsFile.open(SharedFixtures.parity("dit_1spk"))) {
            Map<String, long[]> fixture = new HashMap<>();
            f.tensors().forEach((k, info) -> {
                if (k.startsWith("weight.")) {
                    fixture.put(k.substring("weight.".length()), info.shape());
                }
            });
            Map<String, long[]> ours = DitRandomWeights.shapes(DitConfig.fixture());
            assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(fixture.keySet());
            ours.forEach((k, s) -> assertThat(s).as(k).containsExactly(fixture.get(k)));
        }
    }

    @Test
    void tinyModelWithSmallEncoderWidthsLoadsFromFp32Fp16AndFp8() {
        DitConfig config = DitConfig.tiny();
        Map<String, TensorData> f32 = DitRandomWeights.randomWeights(config, 7);
        float[] ref = run(write("f32", f32), config);
        float[] half = run(write("f16", DitTestModels.toF16(f32)), config);
        float[] fp8 = run(write("f8", DitTestModels.toE4m3(f32)), config);
        assertThat(ref).hasSize(16 * 3 * 4 * 6);
        assertThat(relativeDiff(half, ref)).isLessThan(2e-3).isGreaterThan(0);
        // e4m3 keeps 3 mantissa bits: the output moves by a few percent but stays the same function
        assertThat(relativeDiff(fp8, ref)).isLessThan(0.15).isGreaterThan(1e-3);
    }

    @Test
    void fp16LinearsAroundAnFp32ResidualStreamStayCloseToFp32() {
        DitConfig config = DitConfig.tiny();
        try (SafetensorsFile f = SafetensorsFile.open(write("mixed", DitRandomWeights.randomWeights(config, 5)));
             NDManager m = Engines.pytorch().newBaseManager();
             InfiniteTalkDit full = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024), CPU32);
             InfiniteTalkDit mixed = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024),
                     DitPlacement.on(ai.djl.Device.cpu(), ai.djl.ndarray.types.DataType.FLOAT16))) {
            DitInput in = DitTestModels.randomInput(m, config, 3, 4, 6, 1, 13);
            NDArray a = full.forward(m, in);
            NDArray b = mixed.forward(m, in);
            assertThat(b.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
            // fp16 keeps 11 significant bits: differences of order 1e-3, never zero (the path really narrowed)
            assertThat(relativeDiff(b.toFloatArray(), a.toFloatArray())).isLessThan(5e-3).isGreaterThan(1e-6);
        }
    }

    @Test
    void int8StoredLinearsTakeAQuarterOfTheFp32BytesAndStayTheSameFunction() {
        DitConfig config = DitConfig.tiny();
        try (SafetensorsFile f = SafetensorsFile.open(write("int8store", DitRandomWeights.randomWeights(config, 11)));
             NDManager m = Engines.pytorch().newBaseManager();
             InfiniteTalkDit full = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024), CPU32);
             InfiniteTalkDit int8 = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024),
                     CPU32.withInt8Weights(true));
             InfiniteTalkDit int8Streamed = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024),
                     CPU32.withInt8Weights(true).withOffloadedBlocks(1))) {
            DitInput in = DitTestModels.randomInput(m, config, 3, 4, 6, 1, 19);
            float[] a = full.forward(m, in).toFloatArray();
            float[] b = int8.forward(m, in).toFloatArray();
            // 255 levels a row: the output moves by well under a percent, never exactly nothing
            assertThat(relativeDiff(b, a)).isLessThan(0.02).isGreaterThan(1e-5);
            assertThat(int8Streamed.forward(m, in).toFloatArray()).containsExactly(b);
            // each block linear: 1 byte a weight instead of 4, plus one 4-byte scale a row; nothing else changes
            long saved = 0;
            for (Map.Entry<String, long[]> e : DitRandomWeights.shapes(config).entrySet()) {
                long[] s = e.getValue();
                if (e.getKey().startsWith("blocks.") && e.getKey().endsWith(".weight") && s.length == 2) {
                    saved += 3 * s[0] * s[1] - 4 * s[0];
                }
            }
            assertThat(full.heldBytes() - int8.heldBytes()).isEqualTo(saved);
        }
    }

    @Test
    void offloadedBlocksStreamedPerForwardGiveTheResidentOutputAndFreeTheirCopies() {
        DitConfig config = DitConfig.tiny();
        try (SafetensorsFile f = SafetensorsFile.open(write("offload", DitRandomWeights.randomWeights(config, 9)));
             NDManager m = Engines.pytorch().newBaseManager();
             InfiniteTalkDit resident = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024), CPU32);
             InfiniteTalkDit streamed = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024),
                     CPU32.withOffloadedBlocks(config.layers()))) {
            DitInput in = DitTestModels.randomInput(m, config, 3, 4, 6, 1, 17);
            float[] a = resident.forward(m, in).toFloatArray();
            int before = m.getManagedArrays().size();
            float[] b = streamed.forward(m, in).toFloatArray();
            assertThat(b).containsExactly(a);
            // the streamed copies live in the per-block scratch manager: only the result stays with the caller
            assertThat(m.getManagedArrays().size()).isEqualTo(before + 1);
            assertThatThrownBy(() -> new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.chunked(1024),
                    CPU32.withOffloadedBlocks(config.layers() + 1)))
                    .hasMessageContaining("cannot offload");
        }
    }

    @Test
    void detectionRejectsANonInfiniteTalkCheckpoint() {
        Map<String, TensorData> w = DitRandomWeights.randomWeights(DitConfig.tiny(), 1);
        w.keySet().removeIf(k -> k.startsWith("audio_proj."));
        Path p = write("noaudio", w);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThatThrownBy(() -> DitConfig.detect(Weights.of(f)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("audio adapter");
        }
    }

    @Test
    void wrongAudioLengthIsRejectedWithTheExpectedCount() {
        DitConfig config = DitConfig.tiny();
        try (SafetensorsFile f = SafetensorsFile.open(write("w", DitRandomWeights.randomWeights(config, 3)));
             InfiniteTalkDit dit = new InfiniteTalkDit(Weights.of(f), config, AttentionBackend.defaultBackend());
             NDManager m = Engines.pytorch().newBaseManager()) {
            DitInput in = DitTestModels.randomInput(m, config, 3, 4, 6, 1, 5);
            DitInput shorter = new DitInput(in.x(), in.t(), in.context(), in.clipFea(), in.y(),
                    in.audio().get(":, 1:"), null);
            assertThatThrownBy(() -> dit.forward(m, shorter)).hasMessageContaining("need 9");
        }
    }

    private float[] run(Path file, DitConfig expected) {
        try (SafetensorsFile f = SafetensorsFile.open(file);
             NDManager m = Engines.pytorch().newBaseManager()) {
            DitConfig detected = DitConfig.detect(Weights.of(f)).withTextLen(expected.textLen());
            assertThat(detected).isEqualTo(expected);
            try (InfiniteTalkDit dit = new InfiniteTalkDit(Weights.of(f), detected, AttentionBackend.chunked(1024))) {
                NDArray out = dit.forward(m, DitTestModels.randomInput(m, detected, 3, 4, 6, 1, 11));
                assertThat(out.getShape().getShape()).containsExactly(16, 3, 4, 6);
                float[] v = out.toFloatArray();
                for (float x : v) {
                    assertThat(Float.isFinite(x)).isTrue();
                }
                return v;
            }
        }
    }

    private Path write(String name, Map<String, TensorData> tensors) {
        Path p = tmp.resolve(name + ".safetensors");
        SafetensorsWriter.write(p, tensors, Map.of());
        return p;
    }

    static double relativeDiff(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (double) (a[i] - b[i]);
            den += b[i] * (double) b[i];
        }
        return Math.sqrt(num / den);
    }
}
