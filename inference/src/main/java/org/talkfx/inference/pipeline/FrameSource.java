package org.talkfx.inference.pipeline;

/**
 * The conditioning frames at generation resolution and 25 fps: [3, H, W] channel-first in [-1, 1]. An image is a
 * source of one frame. Indices past the end return the last frame (the official code extends from it).
 */
public interface FrameSource {
    int width();

    int height();

    int frameCount();

    /** Frame {@code index}, clamped to the last frame. */
    float[] frame(int index);

    default boolean isImage() {
        return frameCount() == 1;
    }

    static FrameSource image(float[] chw, int width, int height) {
        if (chw.length != 3 * width * height) {
            throw new IllegalArgumentException("image must be [3, " + height + ", " + width + "]");
        }
        return new FrameSource() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public int frameCount() {
                return 1;
            }

            @Override
            public float[] frame(int index) {
                return chw;
            }
        };
    }
}
