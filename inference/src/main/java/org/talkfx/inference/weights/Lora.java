package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A LoRA file (lightx2v speed LoRAs, FusionX, ComfyUI/kohya exports) matched against a model's official key names,
 * and merged on read: {@code W + s * up @ down}, {@code bias + s * diff_b}, {@code W + s * diff}. The official
 * InfiniteTalk merge ignores {@code .alpha} ({@link AlphaMode#IGNORE}); ComfyUI scales by alpha / rank
 * ({@link AlphaMode#ALPHA_OVER_RANK}).
 */
public final class Lora {
    public enum AlphaMode { IGNORE, ALPHA_OVER_RANK }

    private static final List<String> PREFIXES = List.of("model.diffusion_model.", "diffusion_model.",
            "base_model.model.", "transformer.", "lora_unet_", "");
    private static final String[][] PAIRS = {{".lora_down.weight", ".lora_up.weight"}, {".lora_A.weight", ".lora_B.weight"}};

    /** One matched update of a base tensor. */
    record Update(String down, String up, String alpha, String diff) {
    }

    private final Weights file;
    private final Map<String, Update> updates;
    private final List<String> unmatched;
    private final int rank;

    private Lora(Weights file, Map<String, Update> updates, List<String> unmatched, int rank) {
        this.file = file;
        this.updates = updates;
        this.unmatched = unmatched;
        this.rank = rank;
    }

    /** Matches the LoRA's modules to {@code base}'s keys; fails if none matches (wrong model family). */
    public static Lora match(Weights lora, Weights base) {
        Map<String, String> underscored = new HashMap<>();
        for (String k : base.keys()) {
            underscored.put(k.replace('.', '_'), k);
        }
        Map<String, Update> updates = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        int rank = 0;
        for (String key : lora.keys()) {
            for (String[] pair : PAIRS) {
                if (key.endsWith(pair[0])) {
                    String module = key.substring(0, key.length() - pair[0].length());
                    String up = module + pair[1];
                    if (!lora.contains(up)) {
                        throw new BadInputException(lora.source(), "LoRA key '" + key + "' has no matching '" + up + "'");
                    }
                    String target = resolve(module, ".weight", base, underscored);
                    if (target == null) {
                        unmatched.add(module);
                        continue;
                    }
                    String alpha = lora.contains(module + ".alpha") ? module + ".alpha" : null;
                    updates.put(target, new Update(key, up, alpha, null));
                    rank = Math.max(rank, (int) lora.shape(key)[0]);
                }
            }
            for (String suffix : new String[]{".diff_b", ".diff"}) {
                if (key.endsWith(suffix)) {
                    String module = key.substring(0, key.length() - suffix.length());
                    String target = resolve(module, suffix.equals(".diff_b") ? ".bias" : ".weight", base, underscored);
                    if (target == null) {
                        unmatched.add(key);
                    } else {
                        updates.put(target, new Update(null, null, null, key));
                    }
                    break;
                }
            }
        }
        if (updates.isEmpty()) {
            throw new BadInputException(lora.source(), "is not a LoRA for this model: none of its "
                    + lora.keys().size() + " keys matches a weight of " + base.source().getFileName());
        }
        return new Lora(lora, updates, List.copyOf(unmatched), rank);
    }

    private static String resolve(String module, String suffix, Weights base, Map<String, String> underscored) {
        for (String prefix : PREFIXES) {
            if (module.startsWith(prefix)) {
                String name = module.substring(prefix.length()) + suffix;
                if (base.contains(name)) {
                    return name;
                }
                String viaUnderscore = underscored.get(name.replace('.', '_'));
                if (viaUnderscore != null) {
                    return viaUnderscore;
                }
            }
        }
        return null;
    }

    /** Base weights with this LoRA merged in at {@code strength}. */
    public Weights applyTo(Weights base, float strength, AlphaMode mode) {
        Lora lora = this;
        return new Weights() {
            @Override
            public NDArray get(NDManager manager, String key) {
                NDArray w = base.get(manager, key);
                Update u = updates.get(key);
                return u == null ? w : lora.merge(manager, w, u, strength, mode);
            }

            @Override
            public boolean contains(String key) {
                return base.contains(key);
            }

            @Override
            public Set<String> keys() {
                return base.keys();
            }

            @Override
            public Path source() {
                return base.source();
            }

            @Override
            public long[] shape(String key) {
                return base.shape(key);
            }

            @Override
            public DType dtype(String key) {
                return base.dtype(key);
            }

            @Override
            public NDArray rows(NDManager manager, String key, long[] rows) {
                return updates.containsKey(key) ? Weights.super.rows(manager, key, rows) : base.rows(manager, key, rows);
            }
        };
    }

    private NDArray merge(NDManager manager, NDArray w, Update u, float strength, AlphaMode mode) {
        try (NDManager tmp = manager.newSubManager()) {
            NDArray delta;
            float scale = strength;
            if (u.diff() != null) {
                delta = file.get(tmp, u.diff());
            } else {
                NDArray down = file.get(tmp, u.down());
                NDArray up = file.get(tmp, u.up());
                long r = down.getShape().get(0);
                delta = up.reshape(up.getShape().get(0), r).matMul(down.reshape(r, -1));
                if (mode == AlphaMode.ALPHA_OVER_RANK && u.alpha() != null) {
                    scale *= file.get(tmp, u.alpha()).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                            .getFloat() / r;
                }
            }
            if (delta.size() != w.size()) {
                throw new BadInputException(file.source(), "LoRA update for '" + (u.diff() != null ? u.diff() : u.down())
                        + "' has " + delta.size() + " elements, the weight " + w.getShape());
            }
            NDArray merged = w.add(delta.reshape(w.getShape()).mul(scale));
            w.close(); // the unmerged copy would otherwise live as long as the caller's manager
            return merged;
        }
    }

    /** Base keys this LoRA changes. */
    public Set<String> targets() {
        return Collections.unmodifiableSet(updates.keySet());
    }

    /** LoRA modules that match no base weight (e.g. image cross-attention of a t2v LoRA on a model without it). */
    public List<String> unmatched() {
        return unmatched;
    }

    /** Largest rank among the low-rank pairs (64 for lightx2v I2V, 32 for its T2V file); 0 for diff-only files. */
    public int rank() {
        return rank;
    }
}
