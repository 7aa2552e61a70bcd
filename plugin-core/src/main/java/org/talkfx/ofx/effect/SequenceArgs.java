package org.talkfx.ofx.effect;

/** In-args of Begin/EndSequenceRender. */
public record SequenceArgs(double firstFrame, double lastFrame, double frameStep, boolean interactive,
        double[] renderScale) {
}
