package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.engine.Engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Wan2.1-I2V-14B shards and the InfiniteTalk adapter with their real names and shapes (66 GB of
 * declared data, written as holes) are recognised from headers alone.
 */
class FullSizeLayoutTest {
    @TempDir
    static Path tmp;
    static Path baseIndex;
    static Path adapter;

    @BeforeAll
    static void writeCheckpoints() throws IOException {
        baseIndex = SparseCheckpoints.writeSharded(tmp.resolve("Wan2.1-I2V-14B-480P"), "diffusion_pytorch_model",
                SparseCheckpoints.wanI2v14b(DType.F32), 7);
        adapter = tmp.resolve("InfiniteTalk/single/infinitetalk.safetensors");
        SparseCheckpoints.write(adapter, SparseCheckpoints.infiniteTalkAdapter(DType.F32));
    }

    @Test
    void detectsTheOfficial14bDitFromItsShardIndex() throws IOException {
        try (Checkpoint base = Checkpoint.open(baseIndex.getParent())) {
            assertThat(base.files()).hasSize(7);
            long declared = 0;
            for (SafetensorsFile f : base.files()) {
                declared += Files.size(f.path());
            }
            assertThat(declared).isGreaterThan(60L << 30); // full size, yet the test disk holds only headers
            long params = base.keys().stream().mapToLong(k -> product(base.shape(k))).sum();
            assertThat(params).isBetween(16_300_000_000L, 16_500_000_000L); // "14B" counts no image cross-attention

            Architecture.Dit dit = (Architecture.Dit) Architectures.detect(headersOnly(base));
            assertThat(dit.dim()).isEqualTo(5120);
            assertThat(dit.layers()).isEqualTo(40);
            assertThat(dit.heads()).isEqualTo(40);
            assertThat(dit.ffnDim()).isEqualTo(13824);
            assertThat(dit.inDim()).isEqualTo(36);
            assertThat(dit.outDim()).isEqualTo(16);
            assertThat(dit.textDim()).isEqualTo(4096);
            assertThat(dit.freqDim()).isEqualTo(256);
            assertThat(dit.patchSize()).containsExactly(1, 2, 2);
            assertThat(dit.i2v()).isTrue();
            assertThat(dit.clipWidth()).isEqualTo(1280);
            assertThat(dit.audio()).isNull();
        }
    }

    @Test
    void mergesTheInfiniteTalkAdapterIntoTheDitView() {
        try (Checkpoint base = Checkpoint.open(baseIndex); Checkpoint extra = Checkpoint.open(adapter)) {
            assertThat(extra.keys()).hasSize(330);
            Architecture.AudioAdapter alone = (Architecture.AudioAdapter) Architectures.detect(headersOnly(extra));
            assertThat(alone.variantHint()).startsWith("single");

            Weights merged = Weights.union(List.of(base, extra));
            Architecture.Dit dit = (Architecture.Dit) Architectures.detect(headersOnly(merged));
            Architecture.AudioAdapter audio = dit.audio();
            assertThat(audio).isNotNull();
            assertThat(audio.layers()).isEqualTo(40);
            assertThat(audio.dim()).isEqualTo(5120);
            assertThat(audio.window()).isEqualTo(5);
            assertThat(audio.perFrameInput()).isEqualTo(12 * 768);
            assertThat(audio.vfSlots()).isEqualTo(8);
            assertThat(audio.intermediate()).isEqualTo(512);
            assertThat(audio.tokenDim()).isEqualTo(768);
            assertThat(audio.contextTokens()).isEqualTo(32);
            assertThat(merged.keys()).hasSize(base.keys().size() + 330);
            assertThat(merged.shape("blocks.39.audio_cross_attn.kv_linear.weight")).containsExactly(10240, 768);

            try (NDManager m = Engines.pytorch().newBaseManager()) {
                NDArray norm = merged.get(m, "blocks.7.norm_x.weight"); // one tensor mapped, from the adapter
                assertThat(norm.getShape().getShape()).containsExactly(5120);
            }
        }
    }

    @Test
    void multiAdapterIsToldByItsBf16NormX() throws IOException {
        Path multi = tmp.resolve("adapter.safetensors");
        SparseCheckpoints.write(multi, SparseCheckpoints.infiniteTalkAdapter(DType.BF16));
        try (Checkpoint c = Checkpoint.open(multi)) {
            assertThat(((Architecture.AudioAdapter) Architectures.detect(c)).variantHint()).startsWith("multi");
        }
    }

    @Test
    void comfyRepackWithPrefixAndFp8IsTheSameArchitecture() throws IOException {
        Map<String, SparseCheckpoints.Spec> specs = new java.util.LinkedHashMap<>();
        SparseCheckpoints.wanI2v14b(DType.F8_E4M3).forEach((k, v) -> {
            boolean matrix = v.shape().length == 2;
            specs.put("model.diffusion_model." + k, matrix ? v : new SparseCheckpoints.Spec(DType.F16, v.shape()));
            if (matrix) {
                specs.put("model.diffusion_model." + k.replace(".weight", ".scale_weight"),
                        new SparseCheckpoints.Spec(DType.F32, new long[]{}));
            }
        });
        specs.put("scaled_fp8", new SparseCheckpoints.Spec(DType.F8_E4M3, new long[]{0}));
        Path file = tmp.resolve("Wan2_1-I2V-14B-480p_fp8_e4m3fn_scaled_KJ.safetensors");
        SparseCheckpoints.write(file, specs);
        try (Checkpoint c = Checkpoint.open(file)) {
            Architecture.Dit dit = (Architecture.Dit) Architectures.detect(headersOnly(c));
            assertThat(dit.dim()).isEqualTo(5120);
            assertThat(dit.layers()).isEqualTo(40);
            assertThat(dit.inDim()).isEqualTo(36);
            Weights canonical = KeyLayouts.canonical(c);
            assertThat(canonical.keys()).doesNotContain("scaled_fp8").noneMatch(k -> k.endsWith("scale_weight"))
                    .contains("blocks.0.self_attn.q.weight");
        }
    }

    @Test
    void refusesPickleAndBrokenIndexesWithClearErrors() throws IOException {
        Path pth = Files.writeString(tmp.resolve("Wan2.1_VAE.pth"), "x");
        assertThatThrownBy(() -> Checkpoint.open(pth)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Wan2.1_VAE.pth").hasMessageContaining("pickle").hasMessageContaining("save_file");
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        Path index = Files.writeString(dir.resolve("m.safetensors.index.json"),
                "{\"weight_map\":{\"a.weight\":\"m-00001-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoint.open(index)).hasMessageContaining("m-00001-of-00002.safetensors")
                .hasMessageContaining("missing");
        Path escape = Files.writeString(dir.resolve("e.safetensors.index.json"),
                "{\"weight_map\":{\"a.weight\":\"../../etc/passwd\"}}");
        assertThatThrownBy(() -> Checkpoint.open(escape)).hasMessageContaining("outside its folder");
        Path other = tmp.resolve("other.safetensors");
        SafetensorsWriter.write(other, Map.of("foo", TensorData.f32(new long[]{1}, new float[]{1})), Map.of());
        try (Checkpoint c = Checkpoint.open(other)) {
            assertThatThrownBy(() -> Architectures.detect(c)).hasMessageContaining("none of the models");
        }
    }

    /** A view that answers header questions and fails on any tensor read. */
    static Weights headersOnly(Weights w) {
        return new Weights() {
            @Override
            public NDArray get(NDManager manager, String key) {
                throw new AssertionError("detection read tensor " + key);
            }

            @Override
            public NDArray rows(NDManager manager, String key, long[] rows) {
                throw new AssertionError("detection read rows of " + key);
            }

            @Override
            public boolean contains(String key) {
                return w.contains(key);
            }

            @Override
            public Set<String> keys() {
                return w.keys();
            }

            @Override
            public Path source() {
                return w.source();
            }

            @Override
            public long[] shape(String key) {
                return w.shape(key);
            }

            @Override
            public DType dtype(String key) {
                return w.dtype(key);
            }
        };
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
