package org.talkfx.inference.pipeline;

/**
 * The pixel side of head-only redubbing: a feathered alpha at source resolution and the composite of the
 * generated picture onto the source frame. Wherever alpha is exactly 0 the source bytes are copied, so everything
 * outside the feathered mask is bit-identical to the source.
 */
public final class HeadComposite {
    private HeadComposite() {
    }

    /**
     * Alpha in [0, 1] from a mask plane (non-zero = head): binarised, then blurred twice with a box of
     * {@code radius} (a soft edge that reaches at most 2·radius pixels beyond the mask).
     */
    public static float[] feather(float[] mask, int width, int height, int radius) {
        float[] a = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            a[i] = mask[i] > 0.5f ? 1f : 0f;
        }
        for (int pass = 0; pass < 2 && radius > 0; pass++) {
            a = blurRows(a, width, height, radius);
            a = transpose(blurRows(transpose(a, width, height), height, width, radius), height, width);
        }
        return a;
    }

    /** Source where alpha is 0 or outside the generated area, otherwise the rounded blend. */
    public static RgbImage composite(RgbImage source, RgbImage generated, CropMapping crop, float[] alpha) {
        int w = source.width();
        int h = source.height();
        if (w != crop.sourceWidth() || h != crop.sourceHeight() || alpha.length != w * h) {
            throw new IllegalArgumentException("composite sizes disagree");
        }
        byte[] out = source.rgb().clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float a = alpha[y * w + x];
                if (a <= 0f || !crop.covers(x, y)) {
                    continue;
                }
                int p = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    double g = crop.sampleBack(generated, x, y, c);
                    double v = (source.rgb()[p + c] & 0xff) * (1 - a) + g * a;
                    out[p + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static float[] blurRows(float[] a, int w, int h, int r) {
        float[] out = new float[a.length];
        for (int y = 0; y < h; y++) {
            double sum = 0;
            int row = y * w;
            for (int x = -r; x <= r; x++) {
                sum += x >= 0 && x < w ? a[row + x] : 0;
            }
            for (int x = 0; x < w; x++) {
                out[row + x] = (float) (sum / (2 * r + 1));
                int leaving = x - r;
                int entering = x + r + 1;
                sum -= leaving >= 0 ? a[row + leaving] : 0;
                sum += entering < w ? a[row + entering] : 0;
            }
        }
        // exact zeros where the window held no mask (running sums can leave 1e-9 residues)
        for (int y = 0; y < h; y++) {
            int lastOn = -r - 1;
            for (int x = 0; x < w; x++) {
                if (a[y * w + x] > 0) {
                    lastOn = x;
                }
                if (x - lastOn > r) {
                    out[y * w + x] = nearestAhead(a, y * w, x, w, r) ? out[y * w + x] : 0f;
                }
            }
        }
        return out;
    }

    private static boolean nearestAhead(float[] a, int row, int x, int w, int r) {
        for (int k = x; k <= Math.min(w - 1, x + r); k++) {
            if (a[row + k] > 0) {
                return true;
            }
        }
        return false;
    }

    private static float[] transpose(float[] a, int w, int h) {
        float[] out = new float[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[x * h + y] = a[y * w + x];
            }
        }
        return out;
    }
}
