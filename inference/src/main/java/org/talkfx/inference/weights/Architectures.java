package org.talkfx.inference.weights;

import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells what a checkpoint is from its header alone (names, shapes, dtypes; no tensor data is read), after mapping
 * its key layout to the official names ({@link KeyLayouts#canonical}).
 */
public final class Architectures {
    private Architectures() {
    }

    public static Architecture detect(Weights raw) {
        Weights w = KeyLayouts.canonical(raw);
        if (w.contains("patch_embedding.weight") && w.contains("blocks.0.self_attn.q.weight")) {
            return dit(w);
        }
        if (w.contains("audio_proj.proj1.weight") || w.contains("blocks.0.audio_cross_attn.q_linear.weight")) {
            return audioAdapter(w);
        }
        if (w.contains("encoder.conv1.weight") && w.contains("decoder.conv1.weight") && w.contains("conv2.weight")) {
            return new Architecture.Vae((int) w.shape("encoder.conv1.weight")[0], (int) w.shape("conv2.weight")[0]);
        }
        if (w.contains("visual.patch_embedding.weight")) {
            return clip(w, "visual.patch_embedding.weight", "visual.transformer.", ".attn.to_qkv.weight", "open-clip");
        }
        if (w.contains("vision_model.embeddings.patch_embedding.weight")) {
            return clip(w, "vision_model.embeddings.patch_embedding.weight", "vision_model.encoder.layers.",
                    ".self_attn.q_proj.weight", "hf");
        }
        if (w.contains("token_embedding.weight") && w.contains("blocks.0.attn.q.weight")) {
            return umt5(w);
        }
        Weights audio = w.contains("wav2vec2.feature_projection.projection.weight") ? w.prefixed("wav2vec2.") : w;
        if (audio.contains("feature_extractor.conv_layers.0.conv.weight")) {
            return wav2vec2(audio);
        }
        Architecture.LoraFile lora = lora(raw);
        if (lora != null) {
            return lora;
        }
        throw new BadInputException(raw.source(), "is none of the models TalkFX uses (Wan DiT, InfiniteTalk adapter, "
                + "Wan VAE, CLIP vision, umT5, wav2vec2, LoRA); first keys: "
                + raw.keys().stream().sorted().limit(5).toList());
    }

    private static Architecture.Dit dit(Weights w) {
        long[] patch = w.shape("patch_embedding.weight"); // [dim, in, pt, ph, pw]
        int dim = (int) patch[0];
        int layers = countBlocks(w, "self_attn.q.weight");
        long[] head = w.shape("head.head.weight"); // [out * prod(patch), dim]
        int patchVolume = (int) (patch[2] * patch[3] * patch[4]);
        boolean i2v = w.contains("blocks.0.cross_attn.k_img.weight");
        int clipWidth = i2v && w.contains("img_emb.proj.1.weight") ? (int) w.shape("img_emb.proj.1.weight")[1] : 0;
        Architecture.AudioAdapter audio = w.contains("audio_proj.proj1.weight") ? audioAdapter(w) : null;
        return new Architecture.Dit(dim, layers, headsFor(dim), (int) w.shape("blocks.0.ffn.0.weight")[0],
                (int) patch[1], (int) head[0] / patchVolume, (int) w.shape("text_embedding.0.weight")[1],
                (int) w.shape("time_embedding.0.weight")[1], new int[]{(int) patch[2], (int) patch[3], (int) patch[4]},
                i2v, clipWidth, audio);
    }

    /**
     * Attention heads are not visible in the weights: Wan fixes the head width at 128 (5120 -> 40, 1536 -> 12);
     * below that width (tiny test models) a head width of 16 is assumed, as the parity fixture uses (64 -> 4).
     */
    public static int headsFor(int dim) {
        return dim >= 128 ? dim / 128 : Math.max(1, dim / 16);
    }

    private static Architecture.AudioAdapter audioAdapter(Weights w) {
        int window = 5;
        long[] p1 = w.shape("audio_proj.proj1.weight");
        int perFrame = (int) (p1[1] / window);
        int vfSlots = w.contains("audio_proj.proj1_vf.weight") ? (int) (w.shape("audio_proj.proj1_vf.weight")[1] / perFrame) : 0;
        int tokenDim = (int) w.shape("audio_proj.norm.weight")[0];
        int contextTokens = (int) (w.shape("audio_proj.proj3.weight")[0] / tokenDim);
        int layers = countBlocks(w, "audio_cross_attn.q_linear.weight");
        int dim = layers > 0 ? (int) w.shape("blocks.0.audio_cross_attn.q_linear.weight")[0] : 0;
        Path src = w.source();
        String name = ((src.getParent() != null && src.getParent().getFileName() != null
                ? src.getParent().getFileName() + "/" : "") + src.getFileName()).toLowerCase(Locale.ROOT);
        String variant;
        if (name.contains("multi")) {
            variant = "multi (file name)";
        } else if (name.contains("single")) {
            variant = "single (file name)";
        } else if (layers > 0 && w.dtype("blocks.0.norm_x.weight") == DType.BF16
                && w.dtype("audio_proj.proj1.weight") == DType.F32) {
            variant = "multi (bf16 norm_x)";
        } else {
            variant = "unknown single/multi";
        }
        return new Architecture.AudioAdapter(dim, layers, window, perFrame, vfSlots, (int) p1[0], tokenDim,
                contextTokens, variant);
    }

    private static Architecture.Clip clip(Weights w, String patchKey, String layerPrefix, String layerKey, String naming) {
        long[] p = w.shape(patchKey); // [width, 3, patch, patch]
        int layers = 0;
        while (w.contains(layerPrefix + layers + layerKey)) {
            layers++;
        }
        String posKey = naming.equals("hf") ? "vision_model.embeddings.position_embedding.weight"
                : "visual.pos_embedding";
        int imageSize = 0;
        if (w.contains(posKey)) {
            long[] pos = w.shape(posKey);
            long tokens = pos[pos.length - 2];
            imageSize = (int) (Math.round(Math.sqrt(tokens - 1)) * p[2]);
        }
        return new Architecture.Clip((int) p[0], layers, (int) p[2], imageSize, naming);
    }

    private static Architecture.UmT5 umt5(Weights w) {
        long[] emb = w.shape("token_embedding.weight");
        boolean shared = w.contains("pos_embedding.embedding.weight");
        long[] pos = w.shape(shared ? "pos_embedding.embedding.weight" : "blocks.0.pos_embedding.embedding.weight");
        return new Architecture.UmT5((int) emb[0], (int) emb[1], (int) w.shape("blocks.0.attn.q.weight")[0],
                (int) w.shape("blocks.0.ffn.fc1.weight")[0], (int) pos[1], countBlocks(w, "attn.q.weight"),
                (int) pos[0], shared);
    }

    private static Architecture.Wav2Vec2 wav2vec2(Weights w) {
        int convs = 0;
        while (w.contains("feature_extractor.conv_layers." + convs + ".conv.weight")) {
            convs++;
        }
        int layers = 0;
        while (w.contains("encoder.layers." + layers + ".attention.q_proj.weight")) {
            layers++;
        }
        return new Architecture.Wav2Vec2(convs, (int) w.shape("feature_extractor.conv_layers.0.conv.weight")[0],
                (int) w.shape("feature_projection.projection.weight")[0], layers,
                layers > 0 ? (int) w.shape("encoder.layers.0.feed_forward.intermediate_dense.weight")[0] : 0);
    }

    private static Architecture.LoraFile lora(Weights w) {
        int rank = 0;
        int modules = 0;
        boolean dit = false;
        for (String k : w.keys()) {
            if (k.endsWith(".lora_down.weight") || k.endsWith(".lora_A.weight")) {
                modules++;
                rank = Math.max(rank, (int) w.shape(k)[0]);
                dit |= k.contains("blocks.0.") || k.contains("blocks_0_");
            } else if (k.endsWith(".diff") || k.endsWith(".diff_b")) {
                modules++;
            }
        }
        return modules == 0 ? null : new Architecture.LoraFile(rank, modules, dit);
    }

    private static int countBlocks(Weights w, String key) {
        int n = 0;
        while (w.contains("blocks." + n + "." + key)) {
            n++;
        }
        return n;
    }
}
