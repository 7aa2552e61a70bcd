package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * What one streaming run consumes: the conditioning frames, one wav2vec2 feature track [T, layers, hidden] per
 * speaker (all of length {@code audioFrames}), the speaker masks and, for head-only redubbing, the region mask.
 */
public record ShotInput(FrameSource source, List<NDArray> speakerFeatures, int audioFrames,
                        SpeakerMaskSource speakerMasks, RegionMask headOnly) {
    public ShotInput {
        if (speakerFeatures.isEmpty() || speakerFeatures.size() > 4) {
            throw new IllegalArgumentException("1 to 4 speakers, got " + speakerFeatures.size());
        }
        for (NDArray f : speakerFeatures) {
            if (f.getShape().dimension() != 3 || f.getShape().get(0) != audioFrames) {
                throw new IllegalArgumentException("speaker features must be [" + audioFrames + ", layers, hidden], got "
                        + f.getShape());
            }
        }
    }
}
