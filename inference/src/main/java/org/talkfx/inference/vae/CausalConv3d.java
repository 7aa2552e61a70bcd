package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The official CausalConv3d: all temporal padding goes to the past (2·pad_t frames on the left, none on the right),
 * spatial padding is symmetric. Cached convolutions take their left context from the previous chunk's last frames
 * instead of zeros; {@link #forwardCached} also updates the cache exactly as the official layers do.
 */
final class CausalConv3d {
    private final NDArray weight;
    private final NDArray bias;
    private final int timePad;
    private final Shape padding;
    private final Shape stride;
    private final int slot;

    private CausalConv3d(NDArray weight, NDArray bias, int padT, int padS, int strideT, int slot) {
        this.weight = weight;
        this.bias = bias;
        this.timePad = 2 * padT;
        this.padding = new Shape(0, padS, padS);
        this.stride = new Shape(strideT, 1, 1);
        this.slot = slot;
    }

    /** A convolution with kernel (kt, ks, ks); {@code slots} non-null gives it a cache slot. */
    static CausalConv3d create(ParamSource p, String name, long in, long out, int kt, int ks, int padT, int padS,
                               int strideT, Slots slots) {
        NDArray w = p.param(name + ".weight", out, in, kt, ks, ks);
        NDArray b = p.param(name + ".bias", out);
        return new CausalConv3d(w, b, padT, padS, strideT, slots == null ? -1 : slots.next());
    }

    /** The usual 3x3x3 convolution with padding 1 and a cache slot. */
    static CausalConv3d cached3(ParamSource p, String name, long in, long out, Slots slots) {
        return create(p, name, in, out, 3, 3, 1, 1, 1, slots);
    }

    /** A 1x1x1 convolution (shortcut, conv1, conv2): no padding, no cache. */
    static CausalConv3d pointwise(ParamSource p, String name, long in, long out) {
        return create(p, name, in, out, 1, 1, 0, 0, 1, null);
    }

    /** Convolution over {@code x} with {@code context} (may be null) as the leading frames, zeros for the rest. */
    NDArray forward(NDArray x, NDArray context) {
        NDArray input = x;
        long pad = timePad;
        if (context != null && pad > 0) {
            input = VaeOps.catTime(context, x, x.getManager());
            pad -= VaeOps.frames(context);
        }
        if (pad > 0) {
            NDArray zeros = VaeOps.zerosFrames(input, pad);
            NDArray padded = VaeOps.catTime(zeros, input, x.getManager());
            zeros.close();
            if (input != x) {
                input.close();
            }
            input = padded;
        }
        NDArray y = VaeOps.conv(input, weight, bias, stride, padding);
        if (input != x) {
            input.close();
        }
        return y;
    }

    /**
     * The official cached call: the previous chunk's frames are the left context, and the cache keeps this input's
     * last two frames (with a one-frame chunk, the previous chunk's last frame followed by this one).
     */
    NDArray forwardCached(NDArray x, FeatureCache cache) {
        NDArray previous = cache.frames(slot);
        NDArray keep = VaeOps.lastFrames(x, FeatureCache.CACHE_T, x.getManager());
        if (VaeOps.frames(keep) < FeatureCache.CACHE_T && previous != null) {
            keep = VaeOps.catTime(VaeOps.lastFrames(previous, 1, x.getManager()), keep, x.getManager());
        }
        NDArray y = forward(x, previous);
        cache.put(slot, keep);
        return y;
    }
}
