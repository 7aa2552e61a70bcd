package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;

/**
 * Where the VAE's parameters come from while its layers are built: a checkpoint (shapes checked) or a recorder that
 * only collects names and shapes (random tiny weights). One walk over the architecture serves both, so the key list
 * of {@link WanVae#randomWeights} cannot drift from what {@link WanVae#load} reads.
 */
interface ParamSource {
    /** The parameter {@code key} of the given shape; a recorder may return null. */
    NDArray param(String key, long... shape);
}
