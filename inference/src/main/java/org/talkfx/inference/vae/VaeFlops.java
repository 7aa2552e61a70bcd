package org.talkfx.inference.vae;

/**
 * Multiply-add count (x2 = FLOPs) of one encode or decode, from the architecture: convolutions and the middle
 * attention; norms and activations are ignored. Used by the benchmark to turn seconds into GFLOP/s.
 */
public final class VaeFlops {
    private VaeFlops() {
    }

    /** FLOPs to encode [3, frames, height, width] (frames = 1 + 4k). */
    public static double encode(WanVaeConfig c, long frames, long height, long width) {
        int stages = c.dimMult().size();
        long[] dims = new long[stages + 1];
        dims[0] = c.dim();
        for (int i = 0; i < stages; i++) {
            dims[i + 1] = (long) c.dim() * c.dimMult().get(i);
        }
        double macs = conv(3, dims[0], 27, frames * height * width);
        long t = frames;
        long h = height;
        long w = width;
        for (int i = 0; i < stages; i++) {
            macs += residualBlocks(dims[i], dims[i + 1], c.numResBlocks(), t * h * w);
            if (i != stages - 1) {
                h /= 2;
                w /= 2;
                macs += conv(dims[i + 1], dims[i + 1], 9, t * h * w);
                if (c.temporalDownsample().get(i)) {
                    t = 1 + (t - 1) / 2;
                    macs += conv(dims[i + 1], dims[i + 1], 3, (t - 1) * h * w);
                }
            }
        }
        long top = dims[stages];
        macs += middle(top, t, h * w);
        macs += conv(top, 2L * c.zDim(), 27, t * h * w);
        macs += conv(2L * c.zDim(), 2L * c.zDim(), 1, t * h * w);
        return 2 * macs;
    }

    /** FLOPs to decode latents [z, latentFrames, h, w]. */
    public static double decode(WanVaeConfig c, long latentFrames, long h, long w) {
        int stages = c.dimMult().size();
        long[] dims = new long[stages + 1];
        dims[0] = (long) c.dim() * c.dimMult().get(stages - 1);
        for (int i = 0; i < stages; i++) {
            dims[i + 1] = (long) c.dim() * c.dimMult().get(stages - 1 - i);
        }
        long t = latentFrames;
        double macs = conv(c.zDim(), c.zDim(), 1, t * h * w) + conv(c.zDim(), dims[0], 27, t * h * w);
        macs += middle(dims[0], t, h * w);
        for (int i = 0; i < stages; i++) {
            long in = i == 0 ? dims[0] : dims[i] / 2;
            macs += residualBlocks(in, dims[i + 1], c.numResBlocks() + 1, t * h * w);
            if (i != stages - 1) {
                if (c.temporalDownsample().get(stages - 2 - i)) {
                    macs += conv(dims[i + 1], 2 * dims[i + 1], 3, (t - 1) * h * w);
                    t = 1 + 2 * (t - 1);
                }
                h *= 2;
                w *= 2;
                macs += conv(dims[i + 1], dims[i + 1] / 2, 9, t * h * w);
            }
        }
        macs += conv(dims[stages], 3, 27, t * h * w);
        return 2 * macs;
    }

    private static double conv(long in, long out, long kernel, long outputPositions) {
        return (double) in * out * kernel * outputPositions;
    }

    private static double residualBlocks(long in, long out, int blocks, long positions) {
        double macs = conv(in, out, 27, positions) + conv(out, out, 27, positions)
                + (in != out ? conv(in, out, 1, positions) : 0);
        return macs + (blocks - 1) * 2 * conv(out, out, 27, positions);
    }

    /** Two residual blocks and the per-frame attention (qkv, scores, weighted sum, projection). */
    private static double middle(long c, long frames, long pixels) {
        double attention = frames * (4.0 * c * c * pixels + 2.0 * pixels * pixels * c);
        return residualBlocks(c, c, 2, frames * pixels) + attention;
    }
}
