package org.talkfx.effect;

import org.talkfx.engine.MaskShaping;

/**
 * The composite weight of generated pixels from a mask plane (top-down, non-zero = inside): grown or shrunk by
 * {@code expand} pixels, then feathered with the pipeline's soft edge ({@link MaskShaping}, which the engine uses
 * too). Zero weight means the source pixel is kept bit for bit.
 */
public final class RegionAlpha {
    private RegionAlpha() {
    }

    public static float[] of(float[] mask, int width, int height, double expand, double feather) {
        return MaskShaping.alpha(mask, width, height, expand, feather);
    }
}
