package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;

/**
 * One DiT call: x [16, T', h, w], scalar timestep, text context [L, textDim], CLIP [1, 257, width],
 * y [1, 20, T', h, w], audio windows [speakers, frames, 5, layers, hidden] (null for the null-audio condition:
 * zero features of one speaker through the audio projection, as the official code does), speaker masks [speakers + 1 or 3, h, w] at the latent grid.
 */
public record DenoiseInput(NDArray x, float t, NDArray context, NDArray clipFea, NDArray y, NDArray audio,
                           NDArray refTargetMasks) {
}
