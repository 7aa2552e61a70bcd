package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;

/**
 * One DiT call, in the official layouts (batch of one).
 *
 * @param x              noisy latent [16, T, h, w]
 * @param t              timestep in [0, 1000] (one scalar for all tokens)
 * @param context        umT5 features [L, textDim], L <= textLen (zero-padded inside, as the official model does)
 * @param clipFea        CLIP penultimate features [1, 257, clipDim]
 * @param y              [1, 20, T, h, w]: 4 mask channels then 16 VAE latent channels
 * @param audio          per-video-frame windows [speakers, 1 + 4 (T - 1), 5, layers, hidden]; null = the official
 *                       null-audio condition (zero features of one speaker)
 * @param refTargetMasks [speakers + 1, h, w] speaker masks then background at latent resolution; needed for two
 *                       speakers, ignored for one (may be null)
 */
public record DitInput(NDArray x, float t, NDArray context, NDArray clipFea, NDArray y, NDArray audio,
                       NDArray refTargetMasks) {
    public DitInput {
        if (x == null || context == null || clipFea == null || y == null) {
            throw new IllegalArgumentException("x, context, clipFea and y are required");
        }
    }

    /** The same call with the null-audio condition (audio CFG's unconditional branch). */
    public DitInput withoutAudio() {
        return new DitInput(x, t, context, clipFea, y, null, null);
    }
}
