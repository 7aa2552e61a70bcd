package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;

/** One layer of the encoder or decoder, on [B, C, T, H, W], reading and updating the call's frame cache. */
interface VaeLayer {
    NDArray forward(NDArray x, FeatureCache cache);
}
