package org.talkfx.inference.pipeline;

import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.List;

/**
 * One shot to generate. {@code source} holds the source frames resampled to 25 fps (one frame for an image), at
 * source resolution. Speaker regions and head masks are per 25-fps frame at source resolution; head masks make it a
 * head-only redub (video sources only).
 *
 * @param sourceFile   named in error messages
 * @param featherRadius soft edge of the head-only composite in source pixels
 */
public record RenderRequest(Path sourceFile, List<RgbImage> source, boolean image, List<SpeakerTrack> speakers,
                            AudioMode mode, List<SpeakerRegion> speakerRegions, RegionMaskSource headMasks,
                            int featherRadius, Resolution resolution, GenerationSettings settings) {
    public RenderRequest {
        if (source.isEmpty()) {
            throw new BadInputException(sourceFile, "has no video frames");
        }
        if (image && source.size() != 1) {
            throw new IllegalArgumentException("an image source has exactly one frame");
        }
        if (speakers.isEmpty()) {
            throw new BadInputException("no audio given (--audio)");
        }
        if (speakers.size() > 4) {
            throw new BadInputException(speakers.size() + " audio tracks; at most 4 speakers are supported");
        }
        if (headMasks != null && image) {
            throw new BadInputException(sourceFile, "head-only redubbing needs a video source, not an image");
        }
        if (featherRadius < 0) {
            throw new IllegalArgumentException("feather radius must be >= 0");
        }
        speakerRegions = speakerRegions == null ? List.of() : List.copyOf(speakerRegions);
    }

    public int sourceWidth() {
        return source.get(0).width();
    }

    public int sourceHeight() {
        return source.get(0).height();
    }

    /** Head masks per 25-fps frame at source resolution: [W·H] values, non-zero = regenerate. */
    @FunctionalInterface
    public interface RegionMaskSource {
        float[] at(int frame);
    }
}
