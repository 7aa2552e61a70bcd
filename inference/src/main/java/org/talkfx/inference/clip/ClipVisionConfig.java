package org.talkfx.inference.clip;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.Weights;

/**
 * The CLIP ViT visual tower Wan uses ({@code clip_xlm_roberta_vit_h_14}'s {@code visual}): pre-norm, GELU MLP,
 * class token, no patch bias.
 *
 * @param imageSize input side after resizing (224)
 * @param patchSize patch side (14)
 * @param width     token width (1280 for ViT-H)
 * @param heads     attention heads (16 for ViT-H)
 * @param layers    transformer blocks (32; Wan reads the output of the first layers-1)
 * @param mlpDim    MLP hidden width (4 x width)
 */
public record ClipVisionConfig(int imageSize, int patchSize, int width, int heads, int layers, int mlpDim) {
    public ClipVisionConfig {
        if (imageSize % patchSize != 0 || width % heads != 0 || layers < 2) {
            throw new IllegalArgumentException("invalid CLIP vision config " + imageSize + "/" + patchSize + "/"
                    + width + "/" + heads + "/" + layers);
        }
    }

    /** ViT-H/14 as in {@code models_clip_open-clip-xlm-roberta-large-vit-huge-14.pth}. */
    public static ClipVisionConfig vitH14() {
        return new ClipVisionConfig(224, 14, 1280, 16, 32, 5120);
    }

    /** The parity fixture's tiny tower (width 32, 4 heads, 3 layers). */
    public static ClipVisionConfig tiny() {
        return new ClipVisionConfig(224, 14, 32, 4, 3, 128);
    }

    public int gridSide() {
        return imageSize / patchSize;
    }

    /** Tokens out: one per patch plus the class token (257 for 224/14). */
    public int tokens() {
        return gridSide() * gridSide() + 1;
    }

    /**
     * Reads the architecture from tensor shapes, in any layout {@link ClipVisionWeights} accepts. Head count is
     * not stored in a checkpoint: ViT-H/14 has head dim 80 (1280 / 16); other widths (tiny test towers) use head dim 8.
     */
    public static ClipVisionConfig detect(Weights file) {
        Weights w = ClipVisionWeights.official(file);
        String patch = "visual.patch_embedding.weight";
        String pos = "visual.pos_embedding";
        if (!w.contains(patch) || !w.contains(pos)) {
            throw new BadInputException(w.source(), "not a CLIP visual checkpoint (no " + patch + ")");
        }
        long[] p = w.shape(patch);
        int width = (int) p[0];
        int patchSize = (int) p[2];
        long tokens = w.shape(pos)[1];
        int side = (int) Math.round(Math.sqrt(tokens - 1));
        if ((long) side * side + 1 != tokens) {
            throw new BadInputException(w.source(), "CLIP position embedding has " + tokens
                    + " entries, not a square grid plus the class token");
        }
        int layers = 0;
        while (w.contains("visual.transformer." + layers + ".attn.to_qkv.weight")) {
            layers++;
        }
        int mlpDim = (int) w.shape("visual.transformer.0.mlp.0.weight")[0];
        int headDim = width % 80 == 0 ? 80 : 8;
        if (width % headDim != 0) {
            throw new BadInputException(w.source(), "CLIP width " + width + " is not a multiple of the head dim "
                    + headDim);
        }
        return new ClipVisionConfig(side * patchSize, patchSize, width, width / headDim, layers, mlpDim);
    }
}
