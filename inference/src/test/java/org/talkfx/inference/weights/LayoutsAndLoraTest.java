package org.talkfx.inference.weights;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.t5.UmT5Encoder;
import org.talkfx.testing.SharedFixtures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Key layouts and LoRA merging on small real tensors, values checked element by element. */
class LayoutsAndLoraTest {
    @TempDir
    Path tmp;
    private final java.util.List<Checkpoint> opened = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeCheckpoints() {
        opened.forEach(Checkpoint::close);
    }

    private static final float[] W = {0.5f, -1f, 2f, 0.25f, 1.5f, -0.75f}; // [2, 3]
    private static final float[] DOWN = {1f, 2f, -1f}; // [1, 3], rank 1
    private static final float[] UP = {0.5f, -2f}; // [2, 1]

    @Test
    void scaledFp8IsWidenedAndMultipliedByItsScale() {
        Map<String, TensorData> t = new LinkedHashMap<>();
        float[] stored = {1f, -2f, 0.5f, 448f, 0f, -0.125f}; // exactly representable in e4m3
        t.put("model.diffusion_model.blocks.0.self_attn.q.weight", TensorData.f8e4m3(new long[]{2, 3}, stored));
        t.put("model.diffusion_model.blocks.0.self_attn.q.scale_weight", TensorData.f32(new long[]{}, new float[]{0.01f}));
        t.put("model.diffusion_model.blocks.0.self_attn.q.bias", TensorData.f16(new long[]{2}, new float[]{0.5f, 1f}));
        t.put("model.diffusion_model.patch_embedding.weight", TensorData.f16(new long[]{1}, new float[]{3f}));
        t.put("scaled_fp8", new TensorData(DType.F8_E4M3, new long[]{0}, new byte[0]));
        Path file = tmp.resolve("dit_fp8_scaled.safetensors");
        SafetensorsWriter.write(file, t, Map.of());
        try (Checkpoint c = Checkpoint.open(file); NDManager m = Engines.pytorch().newBaseManager()) {
            Weights w = KeyLayouts.canonical(c);
            assertThat(w.keys()).containsExactlyInAnyOrder("blocks.0.self_attn.q.weight", "blocks.0.self_attn.q.bias",
                    "patch_embedding.weight");
            float[] q = w.get(m, "blocks.0.self_attn.q.weight").toFloatArray();
            for (int i = 0; i < q.length; i++) {
                assertThat(q[i]).isCloseTo(stored[i] * 0.01f, within(1e-7f));
            }
            assertThat(w.get(m, "blocks.0.self_attn.q.bias").toFloatArray()).containsExactly(0.5f, 1f);
            assertThat(w.dtype("blocks.0.self_attn.q.weight")).isEqualTo(DType.F8_E4M3);
        }
    }

    @Test
    void hfNamedUmT5MapsOntoWanNamesAndGivesTheFixtureOutput() {
        Path fixture = SharedFixtures.parity("t5");
        Map<String, TensorData> hf = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(fixture); NDManager m = Engines.pytorch().newBaseManager()) {
            for (String key : f.tensors().keySet()) {
                if (key.startsWith("weight.")) {
                    hf.put(hfName(key.substring("weight.".length())), TensorData.f32(f.info(key).shape(), f.floats(key)));
                }
            }
            Path file = tmp.resolve("umt5_hf.safetensors");
            SafetensorsWriter.write(file, hf, Map.of());
            try (Checkpoint c = Checkpoint.open(file)) {
                Weights w = KeyLayouts.canonical(c);
                assertThat(Architectures.detect(c)).isInstanceOf(Architecture.UmT5.class);
                try (UmT5Encoder enc = UmT5Encoder.load(m, w)) {
                    float[] out = enc.encode(m, f.longs("input.ids")).toFloatArray();
                    float[] expected = f.floats("expected.context");
                    for (int i = 0; i < out.length; i++) {
                        assertThat(out[i]).isCloseTo(expected[i], within(1e-4f));
                    }
                }
            }
        }
    }

    private static String hfName(String wan) {
        if (wan.equals("token_embedding.weight")) {
            return "shared.weight";
        }
        if (wan.equals("norm.weight")) {
            return "encoder.final_layer_norm.weight";
        }
        String[] p = wan.split("\\.");
        String b = "encoder.block." + p[1] + ".";
        String rest = wan.substring(("blocks." + p[1] + ".").length());
        return b + switch (rest) {
            case "norm1.weight" -> "layer.0.layer_norm.weight";
            case "norm2.weight" -> "layer.1.layer_norm.weight";
            case "pos_embedding.embedding.weight" -> "layer.0.SelfAttention.relative_attention_bias.weight";
            case "ffn.gate.0.weight" -> "layer.1.DenseReluDense.wi_0.weight";
            case "ffn.fc1.weight" -> "layer.1.DenseReluDense.wi_1.weight";
            case "ffn.fc2.weight" -> "layer.1.DenseReluDense.wo.weight";
            default -> "layer.0.SelfAttention." + rest.substring("attn.".length());
        };
    }

    @Test
    void officialMergeIgnoresAlphaAndComfyConventionScalesByAlphaOverRank() {
        Weights base = write("base.safetensors", Map.of("blocks.0.self_attn.q.weight", TensorData.f32(new long[]{2, 3}, W),
                "blocks.0.self_attn.q.bias", TensorData.f32(new long[]{2}, new float[]{1f, 2f})));
        Map<String, TensorData> l = new LinkedHashMap<>();
        l.put("diffusion_model.blocks.0.self_attn.q.lora_down.weight", TensorData.bf16(new long[]{1, 3}, DOWN));
        l.put("diffusion_model.blocks.0.self_attn.q.lora_up.weight", TensorData.bf16(new long[]{2, 1}, UP));
        l.put("diffusion_model.blocks.0.self_attn.q.alpha", TensorData.f32(new long[]{}, new float[]{4f}));
        l.put("diffusion_model.blocks.0.self_attn.q.diff_b", TensorData.f32(new long[]{2}, new float[]{0.5f, -0.5f}));
        l.put("diffusion_model.blocks.0.cross_attn.k_img.lora_down.weight", TensorData.f32(new long[]{1, 3}, DOWN));
        l.put("diffusion_model.blocks.0.cross_attn.k_img.lora_up.weight", TensorData.f32(new long[]{2, 1}, UP));
        Weights loraFile = write("lightx2v_rank1.safetensors", l);
        Lora lora = Lora.match(loraFile, base);
        assertThat(lora.rank()).isEqualTo(1);
        assertThat(lora.targets()).containsExactlyInAnyOrder("blocks.0.self_attn.q.weight", "blocks.0.self_attn.q.bias");
        assertThat(lora.unmatched()).containsExactly("diffusion_model.blocks.0.cross_attn.k_img");
        assertThat(Architectures.detect(loraFile)).isEqualTo(new Architecture.LoraFile(1, 3, true));
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            assertMerged(lora.applyTo(base, 0.8f, Lora.AlphaMode.IGNORE).get(m, "blocks.0.self_attn.q.weight")
                    .toFloatArray(), 0.8f);
            assertMerged(lora.applyTo(base, 0.8f, Lora.AlphaMode.ALPHA_OVER_RANK).get(m, "blocks.0.self_attn.q.weight")
                    .toFloatArray(), 0.8f * 4f);
            assertThat(lora.applyTo(base, 2f, Lora.AlphaMode.IGNORE).get(m, "blocks.0.self_attn.q.bias").toFloatArray())
                    .containsExactly(2f, 1f);
        }
    }

    @Test
    void loraAbAndKohyaNamesMatchToo() {
        Weights base = write("base2.safetensors", Map.of("blocks.3.ffn.0.weight", TensorData.f32(new long[]{2, 3}, W)));
        Weights ab = write("ab.safetensors", Map.of(
                "diffusion_model.blocks.3.ffn.0.lora_A.weight", TensorData.f32(new long[]{1, 3}, DOWN),
                "diffusion_model.blocks.3.ffn.0.lora_B.weight", TensorData.f32(new long[]{2, 1}, UP)));
        Weights kohya = write("kohya.safetensors", Map.of(
                "lora_unet_blocks_3_ffn_0.lora_down.weight", TensorData.f16(new long[]{1, 3}, DOWN),
                "lora_unet_blocks_3_ffn_0.lora_up.weight", TensorData.f16(new long[]{2, 1}, UP)));
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            for (Weights lora : new Weights[]{ab, kohya}) {
                assertMerged(Lora.match(lora, base).applyTo(base, 1f, Lora.AlphaMode.IGNORE)
                        .get(m, "blocks.3.ffn.0.weight").toFloatArray(), 1f);
            }
        }
        Weights unrelated = write("unrelated.safetensors", Map.of(
                "lora_te_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", TensorData.f32(new long[]{1, 3}, DOWN),
                "lora_te_text_model_encoder_layers_0_mlp_fc1.lora_up.weight", TensorData.f32(new long[]{2, 1}, UP)));
        assertThatThrownBy(() -> Lora.match(unrelated, base)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unrelated.safetensors").hasMessageContaining("not a LoRA for this model");
    }

    private static void assertMerged(float[] merged, float scale) {
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                assertThat(merged[o * 3 + i]).isCloseTo(W[o * 3 + i] + scale * UP[o] * DOWN[i], within(1e-6f));
            }
        }
    }

    private Weights write(String name, Map<String, TensorData> tensors) {
        Path file = tmp.resolve(name);
        SafetensorsWriter.write(file, new LinkedHashMap<>(tensors), Map.of());
        Checkpoint c = Checkpoint.open(file);
        opened.add(c);
        return c;
    }
}
