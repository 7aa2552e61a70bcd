package org.talkfx.engine;

import org.talkfx.inference.pipeline.HeadComposite;

/**
 * How a region mask becomes the composite weight, shared by the engine (head-only generation) and the effect (its
 * composite over the host's frame) so both change exactly the same pixels: binarised at 0.5, grown or shrunk by
 * {@code expand} pixels (square structuring element), then feathered with the pipeline's soft edge of radius
 * {@code round(feather / 2)} (two box passes: the edge spans about {@code feather} pixels).
 */
public final class MaskShaping {
    private MaskShaping() {
    }

    /** The feathered composite weight; 0 means the source pixel is kept bit for bit. */
    public static float[] alpha(float[] mask, int width, int height, double expand, double feather) {
        return HeadComposite.feather(expanded(mask, width, height, expand), width, height, featherRadius(feather));
    }

    /** The pipeline's feather radius for a feather width in pixels. */
    public static int featherRadius(double feather) {
        return (int) Math.round(Math.max(0, feather) / 2);
    }

    /** The binarised mask grown ({@code expand > 0}) or shrunk by {@code |expand|} pixels. */
    public static float[] expanded(float[] mask, int width, int height, double expand) {
        float[] binary = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            binary[i] = mask[i] > 0.5f ? 1f : 0f;
        }
        int r = (int) Math.round(Math.abs(expand));
        return r > 0 ? morph(binary, width, height, r, expand > 0) : binary;
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
