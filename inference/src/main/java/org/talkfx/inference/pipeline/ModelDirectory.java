package org.talkfx.inference.pipeline;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.Weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The safetensors files of a model folder, sorted into the five networks by what their keys contain, not by file
 * name (users keep ComfyUI names, official names or their own). Several DiT files (the Wan shards and the
 * InfiniteTalk adapter) form one state dict, the adapter last as the official loader merges it.
 */
public final class ModelDirectory implements AutoCloseable {
    public enum Part {
        DIT("the Wan2.1-I2V-14B DiT + InfiniteTalk adapter (e.g. diffusion_pytorch_model-0000x-of-00007.safetensors"
                + " and infinitetalk.safetensors)"),
        VAE("the Wan 2.1 VAE (e.g. Wan2_1_VAE_fp32.safetensors)"),
        CLIP("the CLIP ViT-H/14 visual tower (open-clip 'visual.*' keys)"),
        T5("the umT5-XXL encoder (e.g. umt5-xxl-enc-bf16.safetensors, Wan's t5.py names)"),
        WAV2VEC2("chinese-wav2vec2-base (model.safetensors)");

        private final String description;

        Part(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final String[] DIT_PREFIXES = {"model.diffusion_model.", "diffusion_model.", ""};

    private final Path dir;
    private final List<SafetensorsFile> open = new ArrayList<>();
    private final Map<Part, List<Weights>> parts = new EnumMap<>(Part.class);
    private final List<Path> loras = new ArrayList<>();

    private ModelDirectory(Path dir) {
        this.dir = dir;
    }

    /** Opens and classifies every safetensors file under {@code dir}; lists every network that is missing. */
    public static ModelDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir, "model folder not found");
        }
        ModelDirectory md = new ModelDirectory(dir);
        try {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir, 4)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(p))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            }
            List<Weights> ditBase = new ArrayList<>();
            List<Weights> ditAdapters = new ArrayList<>();
            for (Path f : files) {
                SafetensorsFile sf = SafetensorsFile.open(f);
                md.open.add(sf);
                Weights w = Weights.of(sf);
                if (anyKeyContains(w, "lora_down", "lora_up", "lora_A", "lora_B")) {
                    md.loras.add(f);
                } else if (w.contains("visual.patch_embedding.weight")) {
                    md.add(Part.CLIP, w);
                } else if (w.contains("token_embedding.weight") && w.contains("blocks.0.attn.q.weight")) {
                    md.add(Part.T5, w);
                } else if (w.contains("encoder.conv1.weight") && w.contains("decoder.conv1.weight")) {
                    md.add(Part.VAE, w);
                } else if (w.contains("feature_extractor.conv_layers.0.conv.weight")
                        || w.contains("wav2vec2.feature_extractor.conv_layers.0.conv.weight")) {
                    md.add(Part.WAV2VEC2, w);
                } else {
                    Weights dit = ditView(w);
                    if (dit != null) {
                        (dit.contains("audio_proj.proj1.weight") ? ditAdapters : ditBase).add(dit);
                    }
                }
            }
            ditBase.addAll(ditAdapters);
            if (!ditBase.isEmpty()) {
                md.parts.put(Part.DIT, ditBase);
            }
            List<String> missing = new ArrayList<>();
            for (Part p : Part.values()) {
                if (!md.parts.containsKey(p)) {
                    missing.add(p.name().toLowerCase() + ": " + p.description());
                }
            }
            if (!missing.isEmpty()) {
                throw new BadInputException(dir, "missing model files:\n  " + String.join("\n  ", missing)
                        + "\n(only .safetensors files are read; run `talkfx demo` for a tiny model that shows the "
                        + "expected layout)");
            }
            if (ditAdapters.isEmpty()) {
                throw new BadInputException(dir, "the DiT files hold no InfiniteTalk adapter (audio_proj.*); add "
                        + "single/infinitetalk.safetensors or multi/infinitetalk.safetensors");
            }
            return md;
        } catch (IOException e) {
            md.close();
            throw new BadInputException(dir, "cannot list the model folder: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            md.close();
            throw e;
        }
    }

    private void add(Part p, Weights w) {
        parts.computeIfAbsent(p, k -> new ArrayList<>()).add(w);
    }

    private static Weights ditView(Weights w) {
        for (String prefix : DIT_PREFIXES) {
            Weights v = prefix.isEmpty() ? w : w.prefixed(prefix);
            if (v.contains("patch_embedding.weight") || v.contains("audio_proj.proj1.weight")
                    || v.contains("blocks.0.self_attn.q.weight")) {
                return v;
            }
        }
        return null;
    }

    private static boolean anyKeyContains(Weights w, String... parts) {
        for (String k : w.keys()) {
            for (String p : parts) {
                if (k.contains(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    public Path dir() {
        return dir;
    }

    /** The weights of one network (several files seen as one state dict, later files winning). */
    public Weights weights(Part part) {
        List<Weights> list = parts.get(part);
        return list.size() == 1 ? list.get(0) : Weights.union(list);
    }

    /** LoRA files found (not merged by this loader; merge them into the DiT offline). */
    public List<Path> loras() {
        return List.copyOf(loras);
    }

    /** Every file's path, for a model identity (cache keys, reports). */
    public List<Path> files() {
        return open.stream().map(SafetensorsFile::path).toList();
    }

    @Override
    public void close() {
        for (SafetensorsFile f : open) {
            f.close();
        }
        open.clear();
    }
}
