package org.talkfx.inference.pipeline;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.Architecture;
import org.talkfx.inference.weights.Architectures;
import org.talkfx.inference.weights.Checkpoint;
import org.talkfx.inference.weights.KeyLayouts;
import org.talkfx.inference.weights.Lora;
import org.talkfx.inference.weights.Weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checkpoints of a model folder sorted into the networks by what their headers contain, not by file name
 * (docs/models.md): single safetensors files and sharded checkpoints (through their index.json). The DiT is the
 * base weights with the InfiniteTalk adapter on top, as the official loader merges them; LoRA files are kept apart
 * for {@link #ditWithLora}.
 */
public final class ModelDirectory implements AutoCloseable {
    public enum Part {
        DIT("the Wan2.1-I2V-14B DiT (diffusion_pytorch_model-0000x-of-00007.safetensors + index.json, or a "
                + "single-file repack)"),
        ADAPTER("the InfiniteTalk adapter (single/infinitetalk.safetensors or a Kijai repack)"),
        VAE("the Wan 2.1 VAE (e.g. Wan2_1_VAE_bf16.safetensors)"),
        CLIP("CLIP ViT-H/14 vision (e.g. clip_vision_h.safetensors)"),
        T5("the umT5-XXL encoder (e.g. umt5-xxl-enc-bf16.safetensors)"),
        WAV2VEC2("chinese-wav2vec2-base (model.safetensors or wav2vec2-chinese-base_fp16.safetensors)");

        private final String description;

        Part(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Path dir;
    private final List<Checkpoint> open = new ArrayList<>();
    private final Map<Part, Checkpoint> parts = new EnumMap<>(Part.class);
    private final List<Checkpoint> loras = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private ModelDirectory(Path dir) {
        this.dir = dir;
    }

    /** Opens and classifies every checkpoint under {@code dir}; lists every network that is missing. */
    public static ModelDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir, "model folder not found");
        }
        ModelDirectory md = new ModelDirectory(dir);
        try {
            for (Path p : candidates(dir)) {
                Checkpoint c = Checkpoint.open(p);
                md.open.add(c);
                Architecture a;
                try {
                    a = Architectures.detect(c);
                } catch (BadInputException e) {
                    md.notes.add("ignored " + dir.relativize(p) + ": " + e.getMessage());
                    continue;
                }
                Part part = partOf(a);
                if (part == null) {
                    md.loras.add(c);
                } else if (md.parts.containsKey(part)) {
                    throw new BadInputException(dir, "two candidates for " + part.description() + ": "
                            + md.parts.get(part).source() + " and " + p + " (keep one)");
                } else {
                    md.parts.put(part, c);
                }
            }
            if (md.parts.containsKey(Part.DIT) && !md.parts.containsKey(Part.ADAPTER)
                    && Architectures.detect(md.parts.get(Part.DIT)) instanceof Architecture.Dit d
                    && d.audio() != null) {
                md.parts.put(Part.ADAPTER, md.parts.get(Part.DIT)); // one file already holds both
            }
            List<String> missing = new ArrayList<>();
            for (Part p : Part.values()) {
                if (!md.parts.containsKey(p)) {
                    missing.add(p.name().toLowerCase() + ": " + p.description());
                }
            }
            if (!missing.isEmpty()) {
                throw new BadInputException(dir, "missing model files:\n  " + String.join("\n  ", missing)
                        + "\n(see docs/models.md; .pth files must be converted to safetensors)");
            }
            return md;
        } catch (RuntimeException e) {
            md.close();
            throw e;
        }
    }

    private static Part partOf(Architecture a) {
        if (a instanceof Architecture.Dit) {
            return Part.DIT;
        } else if (a instanceof Architecture.AudioAdapter) {
            return Part.ADAPTER;
        } else if (a instanceof Architecture.Vae) {
            return Part.VAE;
        } else if (a instanceof Architecture.Clip) {
            return Part.CLIP;
        } else if (a instanceof Architecture.UmT5) {
            return Part.T5;
        } else if (a instanceof Architecture.Wav2Vec2) {
            return Part.WAV2VEC2;
        }
        return null; // a LoRA
    }

    /** Index files and the safetensors files no index claims, up to 4 levels deep. */
    private static List<Path> candidates(Path dir) {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir, 4)) {
            all = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot list the model folder: " + e.getMessage(), e);
        }
        Set<Path> sharded = new HashSet<>();
        List<Path> out = new ArrayList<>();
        for (Path p : all) {
            if (p.getFileName().toString().endsWith(".safetensors.index.json")) {
                out.add(p);
                try (Checkpoint c = Checkpoint.open(p)) {
                    c.files().forEach(f -> sharded.add(f.path().toAbsolutePath().normalize()));
                }
            }
        }
        for (Path p : all) {
            if (p.getFileName().toString().endsWith(".safetensors")
                    && !sharded.contains(p.toAbsolutePath().normalize())) {
                out.add(p);
            }
        }
        return out;
    }

    public Path dir() {
        return dir;
    }

    /** One network's weights under the official names. */
    public Weights weights(Part part) {
        return KeyLayouts.canonical(parts.get(part));
    }

    /** The DiT with the InfiniteTalk adapter merged over it (adapter keys win). */
    public Weights dit() {
        if (parts.get(Part.DIT) == parts.get(Part.ADAPTER)) {
            return weights(Part.DIT);
        }
        return Weights.union(List.of(weights(Part.DIT), weights(Part.ADAPTER)));
    }

    /** The DiT with every LoRA file of the folder merged at {@code strength} (official merge: alpha ignored). */
    public Weights ditWithLora(float strength) {
        Weights w = dit();
        for (Checkpoint lora : loras) {
            w = Lora.match(lora, w).applyTo(w, strength, Lora.AlphaMode.IGNORE);
        }
        return w;
    }

    /** LoRA checkpoints found in the folder. */
    public List<Path> loras() {
        return loras.stream().map(Checkpoint::source).toList();
    }

    /** The umT5 checkpoint's path (the prompt encoder opens it only on a cache miss). */
    public Path textEncoder() {
        return parts.get(Part.T5).source();
    }

    /** Files that were skipped, with the reason. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void close() {
        for (Checkpoint c : open) {
            c.close();
        }
        open.clear();
    }
}
