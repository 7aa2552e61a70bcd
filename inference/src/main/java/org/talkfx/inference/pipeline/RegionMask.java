package org.talkfx.inference.pipeline;

/**
 * Where a head-only run may change the picture, per 25-fps frame at generation resolution: [H·W] values in [0, 1]
 * (1 = regenerate, 0 = keep the source). Indices past the end return the last mask.
 */
@FunctionalInterface
public interface RegionMask {
    float[] at(int frame);
}
