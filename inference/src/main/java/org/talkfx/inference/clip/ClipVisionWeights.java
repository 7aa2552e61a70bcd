package org.talkfx.inference.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.Weights;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Presents the CLIP visual tower of the files users have under the official names ({@code visual.*} of
 * {@code models_clip_open-clip-xlm-roberta-large-vit-huge-14.pth}):
 * <ul>
 *   <li>official names, with the {@code visual.} prefix, used as they are;</li>
 *   <li>a visual-only file without the prefix ({@code patch_embedding.weight}, {@code transformer.N...});</li>
 *   <li>the Hugging Face CLIPVisionModel layout of ComfyUI's {@code clip_vision_h.safetensors}
 *   ({@code vision_model.embeddings...}, separate q/k/v projections), converted on read: q, k, v concatenated into
 *   {@code to_qkv}, the class and position embeddings given their leading unit dimensions.</li>
 * </ul>
 */
public final class ClipVisionWeights {
    private static final String HF = "vision_model.";
    private static final Pattern BLOCK = Pattern.compile("visual\\.transformer\\.(\\d+)\\.(.+)");

    private ClipVisionWeights() {
    }

    public static Weights official(Weights w) {
        if (w.contains("visual.patch_embedding.weight")) {
            return w;
        }
        if (w.contains("patch_embedding.weight") && w.contains("pos_embedding")) {
            return renamed(w, key -> key.startsWith("visual.") ? key.substring("visual.".length()) : null);
        }
        if (w.contains(HF + "embeddings.patch_embedding.weight")) {
            return huggingFace(w);
        }
        return w; // ClipVisionConfig.detect names the file and what is missing
    }

    private interface KeyMap {
        /** The source key for an official key, or null if there is none. */
        String source(String official);
    }

    private static Weights renamed(Weights w, KeyMap map) {
        return new Weights() {
            @Override
            public NDArray get(NDManager manager, String key) {
                String s = map.source(key);
                if (s == null) {
                    throw new BadInputException(w.source(), "missing weight '" + key + "'");
                }
                return w.get(manager, s);
            }

            @Override
            public boolean contains(String key) {
                String s = map.source(key);
                return s != null && w.contains(s);
            }

            @Override
            public Set<String> keys() {
                Set<String> out = new HashSet<>();
                w.keys().forEach(k -> out.add("visual." + k));
                return out;
            }

            @Override
            public Path source() {
                return w.source();
            }

            @Override
            public long[] shape(String key) {
                return w.shape(map.source(key));
            }
        };
    }

    private static Weights huggingFace(Weights w) {
        return new Weights() {
            @Override
            public NDArray get(NDManager manager, String key) {
                String[] qkv = qkvSources(key);
                if (qkv != null) {
                    NDList parts = new NDList();
                    for (String s : qkv) {
                        parts.add(w.get(manager, s));
                    }
                    NDArray joined = NDArrays.concat(parts, 0);
                    parts.close();
                    return joined;
                }
                NDArray a = w.get(manager, require(key));
                return switch (key) {
                    case "visual.cls_embedding" -> a.reshape(1, 1, -1);
                    case "visual.pos_embedding" -> a.expandDims(0);
                    default -> a;
                };
            }

            @Override
            public boolean contains(String key) {
                String[] qkv = qkvSources(key);
                if (qkv != null) {
                    return w.contains(qkv[0]) && w.contains(qkv[1]) && w.contains(qkv[2]);
                }
                String s = hfKey(key);
                return s != null && w.contains(s);
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
                String[] qkv = qkvSources(key);
                if (qkv != null) {
                    long[] s = w.shape(qkv[0]).clone();
                    s[0] *= 3;
                    return s;
                }
                long[] s = w.shape(require(key));
                return switch (key) {
                    case "visual.cls_embedding" -> new long[]{1, 1, s[0]};
                    case "visual.pos_embedding" -> new long[]{1, s[0], s[1]};
                    default -> s;
                };
            }

            private String require(String key) {
                String s = hfKey(key);
                if (s == null || !w.contains(s)) {
                    throw new BadInputException(w.source(), "missing weight for '" + key + "'"
                            + (s == null ? "" : " ('" + s + "')"));
                }
                return s;
            }
        };
    }

    /** The three HF projections that make up an official to_qkv tensor, or null for other keys. */
    private static String[] qkvSources(String key) {
        Matcher m = BLOCK.matcher(key);
        if (!m.matches() || !m.group(2).startsWith("attn.to_qkv.")) {
            return null;
        }
        String kind = m.group(2).substring("attn.to_qkv.".length());
        String base = HF + "encoder.layers." + m.group(1) + ".self_attn.";
        return new String[]{base + "q_proj." + kind, base + "k_proj." + kind, base + "v_proj." + kind};
    }

    /** The HF key holding an official key's tensor (for everything but to_qkv), or null. */
    private static String hfKey(String key) {
        switch (key) {
            case "visual.patch_embedding.weight":
                return HF + "embeddings.patch_embedding.weight";
            case "visual.cls_embedding":
                return HF + "embeddings.class_embedding";
            case "visual.pos_embedding":
                return HF + "embeddings.position_embedding.weight";
            case "visual.pre_norm.weight":
                return HF + "pre_layrnorm.weight";
            case "visual.pre_norm.bias":
                return HF + "pre_layrnorm.bias";
            default:
                break;
        }
        Matcher m = BLOCK.matcher(key);
        if (!m.matches()) {
            return null;
        }
        String base = HF + "encoder.layers." + m.group(1) + ".";
        String rest = m.group(2);
        String mapped = switch (rest.substring(0, rest.lastIndexOf('.'))) {
            case "norm1" -> "layer_norm1";
            case "norm2" -> "layer_norm2";
            case "attn.proj" -> "self_attn.out_proj";
            case "mlp.0" -> "mlp.fc1";
            case "mlp.2" -> "mlp.fc2";
            default -> null;
        };
        return mapped == null ? null : base + mapped + rest.substring(rest.lastIndexOf('.'));
    }
}
