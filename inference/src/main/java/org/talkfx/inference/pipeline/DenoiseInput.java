package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import org.talkfx.inference.dit.DitInput;

/**
 * One DiT call: x [16, T', h, w], scalar timestep, text context [L, textDim], CLIP [1, 257, width],
 * y [1, 20, T', h, w], audio windows [speakers, frames, 5, layers, hidden] (null for the null-audio condition:
 * zero features of one speaker through the audio projection, as the official code does), speaker masks [speakers + 1 or 3, h, w] at the latent grid.
 */
public record DenoiseInput(NDArray x, float t, NDArray context, NDArray clipFea, NDArray y, NDArray audio,
                           NDArray refTargetMasks) {
    /** The DiT's input: the masks route speakers only where there are two or more. */
    DitInput ditInput() {
        return new DitInput(x, t, context, clipFea, y, audio,
                audio == null || audio.getShape().get(0) < 2 ? null : refTargetMasks);
    }
}
