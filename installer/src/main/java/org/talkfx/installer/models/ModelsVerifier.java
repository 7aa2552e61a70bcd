package org.talkfx.installer.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.face.FaceModelLocator;
import org.talkfx.inference.weights.Architecture;
import org.talkfx.inference.weights.Architectures;
import org.talkfx.inference.weights.Checkpoint;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.KeyLayouts;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.TensorInfo;
import org.talkfx.inference.weights.Weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a models folder from file headers only (names, shapes, dtypes; no tensor data is read): which component
 * each file is, whether its name agrees, whether it is whole, whether the components fit each other, and whether the
 * face detector files are the pinned ones.
 */
public final class ModelsVerifier {
    /** The official repo keeps the tokenizer three folders down (google/umt5-xxl/tokenizer.json). */
    private static final int DEPTH = 6;
    private static final int WAN14B_DIM = 5120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelsVerifier() {
    }

    public static VerifyReport verify(Path dir, FaceModelLocator faces) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir, "models folder not found");
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir, DEPTH)) {
            all = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot list: " + e.getMessage(), e);
        }
        Set<Path> shardsOfIndexes = new HashSet<>();
        List<FileReport> files = new ArrayList<>();
        for (Path p : all) {
            if (p.getFileName().toString().endsWith(".safetensors.index.json")) {
                shardsOfIndexes.addAll(shards(p));
            }
        }
        for (Path p : all) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".safetensors.index.json") || name.endsWith(".safetensors") && !shardsOfIndexes.contains(p)) {
                files.add(checkpoint(dir, p));
            } else if (name.equals("tokenizer.json")) {
                files.add(tokenizer(p));
            } else if (name.endsWith(".pth") || name.endsWith(".pt") || name.endsWith(".ckpt") || name.endsWith(".gguf")
                    || name.endsWith(".bin") && ModelNames.guess(p).isPresent()) {
                files.add(unsupported(p));
            } else if (name.equals("spiece.model") && !Files.exists(p.resolveSibling("tokenizer.json"))) {
                files.add(new FileReport(p, null, null, "", size(p), List.of(), List.of(), List.of(
                        "sentencepiece model only: TalkFX needs tokenizer.json of google/umt5-xxl beside it")));
            }
        }
        List<ModelComponent> missing = new ArrayList<>();
        VerifyReport partial = new VerifyReport(dir, files, List.of(), List.of(), List.of());
        for (ModelComponent c : ModelComponent.values()) {
            if (c.required() && partial.of(c).isEmpty()
                    && !(c == ModelComponent.ADAPTER && hasMergedAdapter(partial))) {
                missing.add(c);
            }
        }
        return new VerifyReport(dir, files, missing, mismatches(partial), FaceDetectorCheck.check(faces));
    }

    private static boolean hasMergedAdapter(VerifyReport r) {
        return r.of(ModelComponent.DIT).stream().anyMatch(f -> ((Architecture.Dit) f.architecture()).audio() != null);
    }

    private static List<Path> shards(Path index) {
        List<Path> out = new ArrayList<>();
        try {
            JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
            map.elements().forEachRemaining(n -> out.add(index.resolveSibling(n.asText()).normalize()));
        } catch (IOException | RuntimeException e) {
            // reported when the index itself is checked
        }
        return out;
    }

    private static FileReport checkpoint(Path root, Path p) {
        List<String> errors = new ArrayList<>();
        List<String> unsuitable = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ModelComponent byName = ModelNames.guess(p).orElse(null);
        try (Checkpoint c = Checkpoint.open(p)) {
            long bytes = 0;
            Map<DType, Long> byType = new EnumMap<>(DType.class);
            for (SafetensorsFile f : c.files()) {
                bytes += size(f.path());
                for (TensorInfo t : f.tensors().values()) {
                    byType.merge(t.dtype(), t.byteSize(), Long::sum);
                }
            }
            if (c.files().size() > 1) {
                notes.add(c.files().size() + " shards");
            }
            Architecture a;
            try {
                a = Architectures.detect(c);
            } catch (BadInputException e) {
                if (byName == null) {
                    notes.add("ignored: not a model TalkFX uses");
                } else {
                    errors.add("named like the " + byName.label() + " but is none of the models TalkFX uses: " + e.getMessage());
                }
                return new FileReport(p, null, null, dtypes(byType), bytes, errors, List.of(), notes);
            }
            ModelComponent detected = component(a);
            if (byName != null && byName != detected) {
                errors.add("named like the " + byName.label() + " but its tensors are a " + detected.label()
                        + " (" + a.describe() + "); wrong file?");
            }
            checkComponent(root, p, a, c, errors, unsuitable, notes);
            return new FileReport(p, detected, a, dtypes(byType), bytes, errors, unsuitable, notes);
        } catch (BadInputException e) {
            String msg = e.getMessage();
            String what = msg.contains("truncated") || msg.contains("outside the") ? "truncated or incomplete download: "
                    : "unreadable: ";
            errors.add(what + msg + "; download it again");
            return new FileReport(p, byName, null, "", size(p), errors, List.of(), notes);
        }
    }

    private static void checkComponent(Path root, Path p, Architecture a, Checkpoint c, List<String> errors,
                                       List<String> unsuitable, List<String> notes) {
        if (a instanceof Architecture.Dit dit) {
            if (!dit.i2v()) {
                unsuitable.add("a text-to-video DiT; InfiniteTalk needs Wan2.1-I2V-14B-480P (image-to-video)");
            }
            if (ModelNames.says720p(root, p)) {
                unsuitable.add("the 720P DiT; InfiniteTalk is trained on the 480P base, which also renders 720p output: "
                        + "use Wan2.1-I2V-14B-480P");
            }
            if (dit.dim() != WAN14B_DIM) {
                notes.add("not the 14B model (width " + dit.dim() + ", the 14B has " + WAN14B_DIM + ")");
            }
        } else if (a instanceof Architecture.AudioAdapter ad) {
            String named = ModelNames.adapterVariant(p);
            Weights w = KeyLayouts.canonical(c);
            boolean multiSignature = w.contains("blocks.0.norm_x.weight") && w.contains("audio_proj.proj1.weight")
                    && w.dtype("blocks.0.norm_x.weight") == DType.BF16 && w.dtype("audio_proj.proj1.weight") == DType.F32;
            String variant = named != null ? named : multiSignature ? "multi" : "unknown";
            notes.add(variant + "-speaker adapter" + (named == null && multiSignature ? " (bf16 norm_x, as the official multi file)" : ""));
            if ("single".equals(named) && multiSignature) {
                errors.add("named single-speaker but stored like the official multi-speaker file (bf16 norm_x with fp32"
                        + " weights); put it in InfiniteTalk/multi/ or download single/infinitetalk.safetensors");
            }
        } else if (a instanceof Architecture.LoraFile lora && !lora.targetsDit()) {
            unsuitable.add("a LoRA for another network (it targets no Wan DiT block)");
        }
    }

    private static ModelComponent component(Architecture a) {
        if (a instanceof Architecture.Dit) {
            return ModelComponent.DIT;
        } else if (a instanceof Architecture.AudioAdapter) {
            return ModelComponent.ADAPTER;
        } else if (a instanceof Architecture.Vae) {
            return ModelComponent.VAE;
        } else if (a instanceof Architecture.Clip) {
            return ModelComponent.CLIP;
        } else if (a instanceof Architecture.UmT5) {
            return ModelComponent.UMT5;
        } else if (a instanceof Architecture.Wav2Vec2) {
            return ModelComponent.WAV2VEC2;
        }
        return ModelComponent.LORA;
    }

    /** The components must fit each other: widths the DiT was trained with. */
    private static List<String> mismatches(VerifyReport r) {
        List<String> out = new ArrayList<>();
        for (FileReport d : r.of(ModelComponent.DIT)) {
            Architecture.Dit dit = (Architecture.Dit) d.architecture();
            String dn = d.path().getFileName().toString();
            for (FileReport f : r.of(ModelComponent.ADAPTER)) {
                Architecture.AudioAdapter ad = (Architecture.AudioAdapter) f.architecture();
                if (ad.dim() != dit.dim() || ad.layers() != dit.layers()) {
                    out.add(f.path().getFileName() + " is an adapter for a DiT of width " + ad.dim() + " with "
                            + ad.layers() + " blocks, but " + dn + " has width " + dit.dim() + " and " + dit.layers()
                            + " blocks (wrong model family)");
                }
                for (FileReport w : r.of(ModelComponent.WAV2VEC2)) {
                    Architecture.Wav2Vec2 w2v = (Architecture.Wav2Vec2) w.architecture();
                    if (ad.perFrameInput() != w2v.layers() * w2v.hidden()) {
                        out.add(f.path().getFileName() + " expects " + ad.perFrameInput() + " audio features per frame, but "
                                + w.path().getFileName() + " gives " + w2v.layers() + " x " + w2v.hidden());
                    }
                }
            }
            for (FileReport f : r.of(ModelComponent.CLIP)) {
                int width = ((Architecture.Clip) f.architecture()).width();
                if (dit.i2v() && width != dit.clipWidth()) {
                    out.add(f.path().getFileName() + " has width " + width + " but " + dn + " expects CLIP width "
                            + dit.clipWidth());
                }
            }
            for (FileReport f : r.of(ModelComponent.UMT5)) {
                int dim = ((Architecture.UmT5) f.architecture()).dim();
                if (dim != dit.textDim()) {
                    out.add(f.path().getFileName() + " has width " + dim + " but " + dn + " expects text width "
                            + dit.textDim());
                }
            }
            for (FileReport f : r.of(ModelComponent.VAE)) {
                int z = ((Architecture.Vae) f.architecture()).zDim();
                if (dit.outDim() != z || dit.i2v() && dit.inDim() != 2 * z + 4) {
                    out.add(f.path().getFileName() + " has " + z + " latent channels but " + dn + " works on "
                            + dit.outDim() + " (in " + dit.inDim() + ")");
                }
            }
        }
        return out;
    }

    private static FileReport tokenizer(Path p) {
        if (p.toString().toLowerCase(Locale.ROOT).contains("xlm-roberta")) { // Wan's CLIP text side; TalkFX has none
            return new FileReport(p, null, null, "", size(p), List.of(), List.of(), List.of("ignored: the xlm-roberta tokenizer"));
        }
        List<String> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            JsonNode model = JSON.readTree(p.toFile()).path("model");
            String type = model.path("type").asText("");
            if (type.isEmpty()) {
                errors.add("not a Hugging Face tokenizer.json (no model.type)");
            } else {
                notes.add(type + " tokenizer, vocabulary " + model.path("vocab").size());
            }
        } catch (IOException e) {
            errors.add("not valid JSON (truncated?): " + e.getMessage().lines().findFirst().orElse(""));
        }
        return new FileReport(p, errors.isEmpty() ? ModelComponent.TOKENIZER : null, null, "", size(p), errors, List.of(),
                notes);
    }

    private static FileReport unsupported(Path p) {
        String why = "not loaded by TalkFX";
        try {
            Checkpoint.open(p).close(); // refuses pickles and GGUF with the reason and the conversion command
        } catch (BadInputException e) {
            why = e.getMessage();
        }
        return new FileReport(p, null, null, "", size(p), List.of(), List.of(), List.of("ignored: " + why));
    }

    private static String dtypes(Map<DType, Long> byType) {
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        if (byType.size() <= 1 || total == 0) {
            return byType.keySet().stream().findFirst().map(Enum::name).orElse("");
        }
        List<String> parts = new ArrayList<>();
        byType.entrySet().stream().sorted(Map.Entry.<DType, Long>comparingByValue().reversed())
                .forEach(e -> parts.add(e.getKey() + " " + Math.round(100.0 * e.getValue() / total) + "%"));
        return String.join(", ", parts);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
