package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What the streaming engine needs from the networks. Every method returns an array owned by {@code m}. Layouts as
 * in the official code: video [3, T, H, W] in [-1, 1], latents [C, T', H/8, W/8].
 */
public interface GenerationModel extends AutoCloseable {
    /** A short identifier for reports (model directory name, "tiny-random", ...). */
    String id();

    int latentChannels();

    /** Pixel frames per latent frame after the first (4 for Wan). */
    int temporalStride();

    /** Pixels per latent cell (8 for Wan). */
    int spatialStride();

    /** Latent cells per DiT token side (2 for Wan): pixel sizes must divide by spatialStride × patch. */
    int patchSize();

    /** The umT5 context [L, textDim] of a prompt. */
    NDArray encodeText(NDManager m, String prompt);

    /** CLIP features [1, 257, width] of one frame [3, H, W]. */
    NDArray encodeImage(NDManager m, NDArray image);

    /** Normalised VAE latents of video [3, T, H, W]. */
    NDArray encodeVideo(NDManager m, NDArray video);

    /** Pixels [3, T, H, W] in [-1, 1] of normalised latents. */
    NDArray decode(NDManager m, NDArray latents);

    /** Per-video-frame wav2vec2 features [frames, layers, hidden] of 16 kHz mono audio. */
    NDArray audioFeatures(NDManager m, float[] audio16k, int frames);

    /** The DiT's velocity [C, T', h, w]. */
    NDArray denoise(NDManager m, DenoiseInput in);

    @Override
    void close();
}
