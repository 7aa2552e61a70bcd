package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The official Resample: 2x nearest upsampling + 3x3 conv (C -> C/2), or right/bottom zero pad + stride-2 3x3 conv,
 * per frame; the 3-D variants add a temporal convolution with the official first-chunk rules:
 * <ul>
 *   <li>upsample3d: the first chunk passes through untouched and leaves the "Rep" marker; later chunks run a causal
 *   (3,1,1) conv to 2C channels and interleave the halves into twice the frames (frame 2i from the first C channels).
 *   After "Rep" the conv sees zeros as context, not the first chunk's frames.</li>
 *   <li>downsample3d: the first chunk passes through and is remembered; later chunks run a stride-2 (3,1,1) conv over
 *   [last frame of the previous chunk, this chunk] without padding (4 frames in, 2 out).</li>
 * </ul>
 */
final class Resample implements VaeLayer {
    enum Mode { UPSAMPLE2D, UPSAMPLE3D, DOWNSAMPLE2D, DOWNSAMPLE3D }

    private final Mode mode;
    private final NDArray weight;
    private final NDArray bias;
    private final CausalConv3d timeConv;
    private final int slot;

    Resample(ParamSource p, String name, long dim, Mode mode, Slots slots) {
        this.mode = mode;
        boolean up = mode == Mode.UPSAMPLE2D || mode == Mode.UPSAMPLE3D;
        long out = up ? dim / 2 : dim;
        weight = p.param(name + ".resample.1.weight", out, dim, 3, 3);
        bias = p.param(name + ".resample.1.bias", out);
        if (mode == Mode.UPSAMPLE3D) {
            timeConv = CausalConv3d.create(p, name + ".time_conv", dim, dim * 2, 3, 1, 1, 0, 1, null);
        } else if (mode == Mode.DOWNSAMPLE3D) {
            timeConv = CausalConv3d.create(p, name + ".time_conv", dim, dim, 3, 1, 0, 0, 2, null);
        } else {
            timeConv = null;
        }
        slot = timeConv != null ? slots.next() : -1;
    }

    @Override
    public NDArray forward(NDArray x, FeatureCache cache) {
        if (mode == Mode.UPSAMPLE3D) {
            x = upsampleTime(x, cache);
        }
        x = VaeOps.perFrame(x, this::resampleImages);
        if (mode == Mode.DOWNSAMPLE3D) {
            x = downsampleTime(x, cache);
        }
        return x;
    }

    private NDArray upsampleTime(NDArray x, FeatureCache cache) {
        if (cache.isUnset(slot)) {
            cache.markRep(slot);
            return x;
        }
        boolean rep = cache.isRep(slot);
        NDArray keep = VaeOps.lastFrames(x, FeatureCache.CACHE_T, x.getManager());
        if (VaeOps.frames(keep) < FeatureCache.CACHE_T) {
            NDArray before = rep ? VaeOps.zerosFrames(keep, 1)
                    : VaeOps.lastFrames(cache.frames(slot), 1, x.getManager());
            keep = VaeOps.catTime(before, keep, x.getManager());
        }
        NDArray y = timeConv.forward(x, rep ? null : cache.frames(slot));
        cache.put(slot, keep);
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long t = s.get(2);
        return y.reshape(b, 2, c, t, s.get(3), s.get(4)).transpose(0, 2, 3, 1, 4, 5)
                .reshape(b, c, 2 * t, s.get(3), s.get(4));
    }

    private NDArray downsampleTime(NDArray x, FeatureCache cache) {
        if (cache.isUnset(slot)) {
            // Only the last frame of the remembered chunk is ever read back.
            cache.put(slot, VaeOps.lastFrames(x, 1, x.getManager()));
            return x;
        }
        NDArray keep = VaeOps.lastFrames(x, 1, x.getManager());
        NDArray y = timeConv.forward(VaeOps.catTime(cache.frames(slot), x, x.getManager()), null);
        cache.put(slot, keep);
        return y;
    }

    private NDArray resampleImages(NDArray images) {
        Shape s = images.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        if (mode == Mode.UPSAMPLE2D || mode == Mode.UPSAMPLE3D) {
            // nearest-exact at scale 2 maps output pixel i to input pixel i / 2
            NDArray up = images.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w);
            return VaeOps.conv(up, weight, bias, new Shape(1, 1), new Shape(1, 1));
        }
        NDArray padded = images.concat(images.getManager().zeros(new Shape(n, c, h, 1), images.getDataType()), 3);
        padded = padded.concat(images.getManager().zeros(new Shape(n, c, 1, w + 1), images.getDataType()), 2);
        return VaeOps.conv(padded, weight, bias, new Shape(2, 2), new Shape(0, 0));
    }
}
