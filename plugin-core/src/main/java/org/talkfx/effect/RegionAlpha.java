package org.talkfx.effect;

import org.talkfx.inference.pipeline.HeadComposite;

/**
 * The composite weight of generated pixels from a mask plane (top-down, non-zero = inside): grown or shrunk by
 * {@code expand} pixels (square structuring element), then feathered with the pipeline's soft edge. Zero weight
 * means the source pixel is kept bit for bit.
 */
public final class RegionAlpha {
    private RegionAlpha() {
    }

    public static float[] of(float[] mask, int width, int height, double expand, double feather) {
        float[] binary = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            binary[i] = mask[i] > 0.5f ? 1f : 0f;
        }
        int r = (int) Math.round(Math.abs(expand));
        if (r > 0) {
            binary = expand > 0 ? morph(binary, width, height, r, true) : morph(binary, width, height, r, false);
        }
        return HeadComposite.feather(binary, width, height, (int) Math.round(feather / 2));
    }

    /** Dilation (max) or erosion (min) with a (2r+1)² square, separable. */
    private static float[] morph(float[] a, int w, int h, int r, boolean dilate) {
        float[] rows = new float[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = dilate ? 0f : 1f;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
                    v = dilate ? Math.max(v, a[y * w + k]) : Math.min(v, a[y * w + k]);
                }
                rows[y * w + x] = v;
            }
        }
        float[] out = new float[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = dilate ? 0f : 1f;
                for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                    v = dilate ? Math.max(v, rows[k * w + x]) : Math.min(v, rows[k * w + x]);
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }
}
