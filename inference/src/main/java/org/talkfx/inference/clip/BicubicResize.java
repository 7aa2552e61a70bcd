package org.talkfx.inference.clip;

/**
 * PyTorch's {@code F.interpolate(mode="bicubic", align_corners=False)} without antialiasing, on planar float
 * images: cubic convolution with a = -0.75, source coordinate {@code scale·(dst + 0.5) - 0.5} with
 * {@code scale = in/out}, taps clamped to the border. Rows are interpolated horizontally first, then combined
 * vertically, in float32 as the CPU kernel does. Results are not clamped (values may overshoot the input range).
 */
public final class BicubicResize {
    private static final float A = -0.75f;

    private BicubicResize() {
    }

    /** Resizes {@code channels} planes of {@code inH x inW} (row-major, plane after plane) to {@code outH x outW}. */
    public static float[] resize(float[] src, int channels, int inH, int inW, int outH, int outW) {
        if (src.length != channels * inH * inW) {
            throw new IllegalArgumentException("expected " + channels * inH * inW + " values, got " + src.length);
        }
        Taps ys = taps(inH, outH);
        Taps xs = taps(inW, outW);
        float[] out = new float[channels * outH * outW];
        float[] rows = new float[4];
        for (int c = 0; c < channels; c++) {
            int plane = c * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int k = 0; k < 4; k++) {
                        int row = plane + ys.index[oy * 4 + k] * inW;
                        float sum = 0f;
                        for (int j = 0; j < 4; j++) {
                            sum += src[row + xs.index[ox * 4 + j]] * xs.weight[ox * 4 + j];
                        }
                        rows[k] = sum;
                    }
                    float v = 0f;
                    for (int k = 0; k < 4; k++) {
                        v += rows[k] * ys.weight[oy * 4 + k];
                    }
                    out[(c * outH + oy) * outW + ox] = v;
                }
            }
        }
        return out;
    }

    private record Taps(int[] index, float[] weight) {
    }

    private static Taps taps(int in, int out) {
        float scale = (float) in / out;
        int[] index = new int[out * 4];
        float[] weight = new float[out * 4];
        for (int o = 0; o < out; o++) {
            float real = scale * (o + 0.5f) - 0.5f;
            int base = Math.min((int) Math.floor(real), in - 1);
            float t = Math.min(Math.max(real - base, 0f), 1f);
            float[] w = {cubicFar(t + 1f), cubicNear(t), cubicNear(1f - t), cubicFar((1f - t) + 1f)};
            for (int k = 0; k < 4; k++) {
                index[o * 4 + k] = Math.max(0, Math.min(in - 1, base - 1 + k));
                weight[o * 4 + k] = w[k];
            }
        }
        return new Taps(index, weight);
    }

    /** Kernel for |x| <= 1. */
    private static float cubicNear(float x) {
        return ((A + 2f) * x - (A + 3f)) * x * x + 1f;
    }

    /** Kernel for 1 < |x| < 2. */
    private static float cubicFar(float x) {
        return ((A * x - 5f * A) * x + 8f * A) * x - 4f * A;
    }
}
