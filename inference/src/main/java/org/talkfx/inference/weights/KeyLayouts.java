package org.talkfx.inference.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the key layouts of the files users have onto the official state_dict names the networks read:
 * ComfyUI/WanVideoWrapper prefixes ({@code model.diffusion_model.}, {@code diffusion_model.}), the
 * {@code wav2vec2.} prefix of full HF checkpoints, WanVideoWrapper's {@code multitalk_audio_proj.}, HF-named umT5
 * encoders ({@code encoder.block.N.layer.0.SelfAttention.q}), and "scaled" fp8 files whose {@code X.scale_weight}
 * multiplies {@code X.weight} after widening. Only headers are consulted.
 */
public final class KeyLayouts {
    /** Keys whose presence under a prefix identifies a model family, so the prefix can be stripped. */
    private static final List<String> MARKERS = List.of("patch_embedding.weight",
            "blocks.0.audio_cross_attn.q_linear.weight", "audio_proj.proj1.weight", "multitalk_audio_proj.proj1.weight",
            "feature_projection.projection.weight", "encoder.conv1.weight", "token_embedding.weight",
            "blocks.0.self_attn.q.weight");
    private static final List<String> PREFIXES = List.of("model.diffusion_model.", "diffusion_model.", "model.",
            "wav2vec2.", "module.");
    private static final Pattern HF_T5 = Pattern.compile(
            "encoder\\.block\\.(\\d+)\\.layer\\.(\\d)\\.(SelfAttention\\.(q|k|v|o|relative_attention_bias)|"
                    + "layer_norm|DenseReluDense\\.(wi_0|wi_1|wo))\\.weight");

    private KeyLayouts() {
    }

    /** The same weights under official names; returns {@code w} itself when nothing needs mapping. */
    public static Weights canonical(Weights w) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> scales = new LinkedHashMap<>();
        String prefix = prefixOf(w);
        boolean hfT5 = w.contains("encoder.block.0.layer.0.SelfAttention.q.weight");
        boolean changed = !prefix.isEmpty() || hfT5;
        for (String key : w.keys()) {
            if (key.endsWith(".scale_weight") || key.endsWith(".scale_input") || key.equals("scaled_fp8")) {
                changed = true;
                continue;
            }
            String name = key;
            if (!prefix.isEmpty()) {
                if (!key.startsWith(prefix)) {
                    continue; // other parts of a combined file (e.g. a wav2vec2 pretraining head)
                }
                name = key.substring(prefix.length());
            }
            if (name.startsWith("multitalk_audio_proj.")) {
                name = "audio_proj." + name.substring("multitalk_audio_proj.".length());
                changed = true;
            }
            if (hfT5) {
                name = wanT5Name(name);
            }
            names.put(name, key);
            if (key.endsWith(".weight")) {
                String scale = key.substring(0, key.length() - ".weight".length()) + ".scale_weight";
                if (w.contains(scale)) {
                    scales.put(name, scale);
                }
            }
        }
        return changed ? new MappedWeights(w, names, scales) : w;
    }

    /** The prefix in front of a family marker, or "" (official names already). */
    static String prefixOf(Weights w) {
        for (String marker : MARKERS) {
            if (w.contains(marker)) {
                return "";
            }
        }
        for (String prefix : PREFIXES) {
            for (String marker : MARKERS) {
                if (w.contains(prefix + marker)) {
                    return prefix;
                }
            }
        }
        return "";
    }

    /** HF T5/umT5 encoder names to Wan's t5.py names (wi_0 is the GELU gate, wi_1 the linear branch). */
    static String wanT5Name(String hf) {
        if (hf.equals("shared.weight") || hf.equals("encoder.embed_tokens.weight")) {
            return "token_embedding.weight";
        }
        if (hf.equals("encoder.final_layer_norm.weight")) {
            return "norm.weight";
        }
        Matcher m = HF_T5.matcher(hf);
        if (!m.matches()) {
            return hf;
        }
        String b = "blocks." + m.group(1) + ".";
        boolean attnLayer = m.group(2).equals("0");
        if (m.group(3).equals("layer_norm")) {
            return b + (attnLayer ? "norm1" : "norm2") + ".weight";
        }
        if (m.group(4) != null) {
            return m.group(4).equals("relative_attention_bias") ? b + "pos_embedding.embedding.weight"
                    : b + "attn." + m.group(4) + ".weight";
        }
        return b + switch (m.group(5)) {
            case "wi_0" -> "ffn.gate.0.weight";
            case "wi_1" -> "ffn.fc1.weight";
            default -> "ffn.fc2.weight";
        };
    }
}
