package org.talkfx.inference.pipeline;

/** Receives finished frames in order, index 0, 1, 2, ... at 25 fps: [3, H, W] in [-1, 1]. */
@FunctionalInterface
public interface FrameSink {
    void accept(int index, float[] chw);
}
