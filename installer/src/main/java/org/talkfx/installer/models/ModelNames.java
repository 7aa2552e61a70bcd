package org.talkfx.installer.models;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file's name (and its folder's) says it is. Only a hint: the header decides, and a name that disagrees with
 * the header is reported as a wrong file.
 */
final class ModelNames {
    private ModelNames() {
    }

    static Optional<ModelComponent> guess(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String parent = file.getParent() == null || file.getParent().getFileName() == null ? ""
                : file.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("tokenizer.json")) {
            return Optional.of(ModelComponent.TOKENIZER);
        }
        if (name.contains("lora") || name.contains("lightx2v") || name.contains("distill")) {
            return Optional.of(ModelComponent.LORA);
        }
        // Kijai's "InfiniTetalk" (sic) lower-cases to "infinitetalk" too
        if (name.contains("infinitetalk") || name.contains("multitalk")) {
            return Optional.of(ModelComponent.ADAPTER);
        }
        if (name.contains("vae")) {
            return Optional.of(ModelComponent.VAE);
        }
        if (name.contains("clip")) {
            return Optional.of(ModelComponent.CLIP);
        }
        if (name.contains("umt5") || name.contains("t5-xxl") || name.contains("t5_xxl")) {
            return Optional.of(ModelComponent.UMT5);
        }
        if (name.contains("wav2vec") || parent.contains("wav2vec")) {
            return Optional.of(ModelComponent.WAV2VEC2);
        }
        if (name.startsWith("diffusion_pytorch_model") || name.contains("i2v") || name.contains("t2v")) {
            return Optional.of(ModelComponent.DIT);
        }
        return Optional.empty();
    }

    /** "720p" in the file's name or any of its folders' names up to {@code root}. */
    static boolean says720p(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).contains("720p")) {
                return true;
            }
        }
        return false;
    }

    /** "single" or "multi" from the name or folder of an adapter file, else null. */
    static String adapterVariant(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String parent = file.getParent() == null || file.getParent().getFileName() == null ? ""
                : file.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
        for (String s : new String[]{name, parent}) {
            if (s.contains("multi")) {
                return "multi";
            }
            if (s.contains("single")) {
                return "single";
            }
        }
        return null;
    }
}
