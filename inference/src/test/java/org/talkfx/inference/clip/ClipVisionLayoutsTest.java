package org.talkfx.inference.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.RuntimeSetup;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture's official weights rewritten into the other layouts users have (visual-only without prefix, the
 * Hugging Face / ComfyUI clip_vision_h names with split q/k/v) must give the official features.
 */
class ClipVisionLayoutsTest {
    @TempDir
    Path dir;

    @Test
    void unprefixedVisualFileGivesTheOfficialFeatures() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (SafetensorsFile fixture = SafetensorsFile.open(SharedFixtures.parity("clip"))) {
            fixture.tensors().forEach((name, info) -> {
                if (name.startsWith("weight.visual.")) {
                    out.put(name.substring("weight.visual.".length()), TensorData.f32(info.shape(),
                            fixture.floats(name)));
                }
            });
        }
        assertParity(write(out));
    }

    @Test
    void huggingFaceLayoutGivesTheOfficialFeatures() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (SafetensorsFile fixture = SafetensorsFile.open(SharedFixtures.parity("clip"))) {
            String v = "vision_model.";
            put(out, v + "embeddings.patch_embedding.weight", fixture, "visual.patch_embedding.weight", null);
            put(out, v + "embeddings.class_embedding", fixture, "visual.cls_embedding", new long[]{32});
            put(out, v + "embeddings.position_embedding.weight", fixture, "visual.pos_embedding",
                    new long[]{257, 32});
            put(out, v + "pre_layrnorm.weight", fixture, "visual.pre_norm.weight", null);
            put(out, v + "pre_layrnorm.bias", fixture, "visual.pre_norm.bias", null);
            put(out, v + "post_layernorm.weight", fixture, "visual.post_norm.weight", null);
            for (int i = 0; i < 3; i++) {
                String hf = v + "encoder.layers." + i + ".";
                String off = "visual.transformer." + i + ".";
                for (String kind : new String[]{"weight", "bias"}) {
                    put(out, hf + "layer_norm1." + kind, fixture, off + "norm1." + kind, null);
                    put(out, hf + "layer_norm2." + kind, fixture, off + "norm2." + kind, null);
                    put(out, hf + "self_attn.out_proj." + kind, fixture, off + "attn.proj." + kind, null);
                    put(out, hf + "mlp.fc1." + kind, fixture, off + "mlp.0." + kind, null);
                    put(out, hf + "mlp.fc2." + kind, fixture, off + "mlp.2." + kind, null);
                    float[] qkv = fixture.floats("weight." + off + "attn.to_qkv." + kind);
                    long[] shape = fixture.info("weight." + off + "attn.to_qkv." + kind).shape().clone();
                    shape[0] /= 3;
                    int n = qkv.length / 3;
                    String[] names = {"q_proj.", "k_proj.", "v_proj."};
                    for (int j = 0; j < 3; j++) {
                        out.put(hf + "self_attn." + names[j] + kind,
                                TensorData.f32(shape, Arrays.copyOfRange(qkv, j * n, (j + 1) * n)));
                    }
                }
            }
        }
        assertParity(write(out));
    }

    private static void put(Map<String, TensorData> out, String key, SafetensorsFile f, String official,
                            long[] shape) {
        String name = "weight." + official;
        out.put(key, TensorData.f32(shape != null ? shape : f.info(name).shape(), f.floats(name)));
    }

    private Path write(Map<String, TensorData> tensors) {
        Path path = dir.resolve("clip.safetensors");
        SafetensorsWriter.write(path, tensors, Map.of());
        return path;
    }

    private static void assertParity(Path path) {
        RuntimeSetup.apply();
        try (SafetensorsFile f = SafetensorsFile.open(path);
             SafetensorsFile fixture = SafetensorsFile.open(SharedFixtures.parity("clip"));
             NDManager m = Engines.pytorch().newBaseManager();
             ClipVision clip = ClipVision.load(m, Weights.of(f))) {
            assertThat(clip.config()).isEqualTo(ClipVisionConfig.tiny());
            NDArray features = clip.encode(m, fixture.load(m, "input.image"));
            NDArray expected = fixture.load(m, "expected.features");
            float rel = features.sub(expected).abs().max().getFloat() / expected.abs().max().getFloat();
            assertThat(rel).isLessThan(1e-4f);
        }
    }
}
