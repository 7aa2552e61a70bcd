package org.talkfx.inference.pipeline;

/**
 * Where one speaker is, per 25-fps frame, as a plane [H·W] at source resolution (non-zero = the speaker). Boxes and
 * user mask sequences both become regions; the face detector supplies them too.
 */
@FunctionalInterface
public interface SpeakerRegion {
    float[] at(int frame);

    /** A fixed box in source pixels, [x0, x1) × [y0, y1). */
    static SpeakerRegion box(int sourceWidth, int sourceHeight, int x0, int y0, int x1, int y1) {
        if (x0 < 0 || y0 < 0 || x1 > sourceWidth || y1 > sourceHeight || x0 >= x1 || y0 >= y1) {
            throw new IllegalArgumentException("box [" + x0 + "," + y0 + "," + x1 + "," + y1
                    + "] is empty or outside the " + sourceWidth + "x" + sourceHeight + " source");
        }
        float[] plane = new float[sourceWidth * sourceHeight];
        for (int y = y0; y < y1; y++) {
            java.util.Arrays.fill(plane, y * sourceWidth + x0, y * sourceWidth + x1, 1f);
        }
        return frame -> plane;
    }
}
