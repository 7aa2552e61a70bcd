package org.talkfx.inference.pipeline;

import java.util.List;

/**
 * Generated frames at 25 fps and generation size, the mixed audio (16 kHz) they go with, and how to map them back
 * into the source frame. For head-only runs {@link #alpha} gives the feathered composite weight per frame.
 */
public record RenderResult(List<RgbImage> frames, float[] mix16k, CropMapping crop, int windows,
                           List<String> warnings, String modelId, RenderRequest.RegionMaskSource alpha) {
    public boolean headOnly() {
        return alpha != null;
    }

    /**
     * The finished picture for source frame {@code source} shown at 25-fps index {@code index}: the composite onto
     * the source for head-only runs (bit-identical outside the feathered mask), else the generated frame.
     */
    public RgbImage finalFrame(int index, RgbImage source) {
        RgbImage generated = frames.get(Math.min(index, frames.size() - 1));
        if (!headOnly()) {
            return generated;
        }
        return HeadComposite.composite(source, generated, crop, alpha.at(index));
    }

    /** The 25-fps frame on screen at output frame {@code outputFrame} of a {@code fps} output. */
    public int indexAt(int outputFrame, double fps) {
        int i = (int) Math.floor(outputFrame * SpeakerTimeline.FPS / fps + 1e-6);
        return Math.min(i, frames.size() - 1);
    }

    /** Output frames at {@code fps} covering the generated duration. */
    public int outputFrames(double fps) {
        return Math.max(1, (int) Math.round(frames.size() * fps / SpeakerTimeline.FPS));
    }
}
