package org.talkfx.inference.dit;

import org.talkfx.inference.weights.TensorData;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random DiT weights under the real state_dict names and the config's shapes, so a tiny model written with
 * {@code SafetensorsWriter} loads through the real loader and {@link DitConfig#detect}. Each tensor is drawn from its
 * own generator (seed and name), so adding a key does not change the others: matrices N(0, 1/fan_in), norm weights
 * 1 + 0.1 N, biases and modulations 0.02 N.
 */
public final class DitRandomWeights {
    private DitRandomWeights() {
    }

    public static Map<String, TensorData> randomWeights(DitConfig c, long seed) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes(c).entrySet()) {
            out.put(e.getKey(), TensorData.f32(e.getValue(), values(e.getKey(), e.getValue(), seed)));
        }
        return out;
    }

    /** Every parameter name of the official model with its shape, in state_dict order. */
    public static Map<String, long[]> shapes(DitConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long d = c.dim();
        s.put("patch_embedding.weight", new long[]{d, c.inDim(), c.patchT(), c.patchH(), c.patchW()});
        s.put("patch_embedding.bias", new long[]{d});
        linear(s, "text_embedding.0", d, c.textDim());
        linear(s, "text_embedding.2", d, d);
        linear(s, "time_embedding.0", d, c.freqDim());
        linear(s, "time_embedding.2", d, d);
        linear(s, "time_projection.1", 6 * d, d);
        for (int i = 0; i < c.layers(); i++) {
            String b = "blocks." + i + ".";
            s.put(b + "modulation", new long[]{1, 6, d});
            for (String p : new String[]{"q", "k", "v", "o"}) {
                linear(s, b + "self_attn." + p, d, d);
            }
            if (c.qkNorm()) {
                s.put(b + "self_attn.norm_q.weight", new long[]{d});
                s.put(b + "self_attn.norm_k.weight", new long[]{d});
            }
            if (c.crossAttnNorm()) {
                s.put(b + "norm3.weight", new long[]{d});
                s.put(b + "norm3.bias", new long[]{d});
            }
            for (String p : new String[]{"q", "k", "v", "o", "k_img", "v_img"}) {
                linear(s, b + "cross_attn." + p, d, d);
            }
            if (c.qkNorm()) {
                for (String p : new String[]{"norm_q", "norm_k", "norm_k_img"}) {
                    s.put(b + "cross_attn." + p + ".weight", new long[]{d});
                }
            }
            linear(s, b + "ffn.0", c.ffnDim(), d);
            linear(s, b + "ffn.2", d, c.ffnDim());
            linear(s, b + "audio_cross_attn.q_linear", d, d);
            linear(s, b + "audio_cross_attn.kv_linear", 2 * d, c.audioOutDim());
            linear(s, b + "audio_cross_attn.proj", d, d);
            if (c.normInputVisual()) {
                s.put(b + "norm_x.weight", new long[]{d});
                s.put(b + "norm_x.bias", new long[]{d});
            }
        }
        s.put("head.modulation", new long[]{1, 2, d});
        linear(s, "head.head", (long) c.patchVolume() * c.outDim(), d);
        s.put("img_emb.proj.0.weight", new long[]{c.clipDim()});
        s.put("img_emb.proj.0.bias", new long[]{c.clipDim()});
        linear(s, "img_emb.proj.1", c.clipDim(), c.clipDim());
        linear(s, "img_emb.proj.3", d, c.clipDim());
        s.put("img_emb.proj.4.weight", new long[]{d});
        s.put("img_emb.proj.4.bias", new long[]{d});
        linear(s, "audio_proj.proj1", c.audioIntermediate(), c.audioFirstInput());
        linear(s, "audio_proj.proj1_vf", c.audioIntermediate(), c.audioLaterInput());
        linear(s, "audio_proj.proj2", c.audioIntermediate(), c.audioIntermediate());
        linear(s, "audio_proj.proj3", (long) c.contextTokens() * c.audioOutDim(), c.audioIntermediate());
        if (c.normOutputAudio()) {
            s.put("audio_proj.norm.weight", new long[]{c.audioOutDim()});
            s.put("audio_proj.norm.bias", new long[]{c.audioOutDim()});
        }
        return s;
    }

    private static void linear(Map<String, long[]> s, String prefix, long out, long in) {
        s.put(prefix + ".weight", new long[]{out, in});
        s.put(prefix + ".bias", new long[]{out});
    }

    private static float[] values(String name, long[] shape, long seed) {
        long n = 1;
        for (long x : shape) {
            n *= x;
        }
        Random r = new Random(seed * 1_000_003L + name.hashCode());
        float[] v = new float[Math.toIntExact(n)];
        boolean norm = name.contains("norm") || name.startsWith("img_emb.proj.0.")
                || name.startsWith("img_emb.proj.4.");
        boolean isWeight = name.endsWith(".weight");
        double std;
        double mean = 0;
        if (norm && isWeight) {
            mean = 1;
            std = 0.1;
        } else if (shape.length >= 2 && !name.endsWith("modulation")) {
            std = 1 / Math.sqrt(n / shape[0]);
        } else {
            std = 0.02;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + std * r.nextGaussian());
        }
        return v;
    }
}
