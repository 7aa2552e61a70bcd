package org.talkfx.inference.face;

import java.util.List;
import java.util.Optional;

/**
 * One person's face over time.
 *
 * @param id     1-based, in order of first appearance
 * @param frames one entry per frame from the first to the last sighting, except inside gaps
 * @param gaps   stretches the face was lost for longer than the bridge limit (inclusive frame ranges)
 */
public record FaceTrack(int id, List<TrackedFace> frames, List<Gap> gaps) {
    public FaceTrack {
        frames = List.copyOf(frames);
        gaps = List.copyOf(gaps);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a track has at least one frame");
        }
    }

    public record Gap(int firstFrame, int lastFrame) {
        public int length() {
            return lastFrame - firstFrame + 1;
        }
    }

    public int firstFrame() {
        return frames.get(0).frame();
    }

    public int lastFrame() {
        return frames.get(frames.size() - 1).frame();
    }

    public Optional<TrackedFace> at(int frame) {
        if (frame < firstFrame() || frame > lastFrame()) {
            return Optional.empty();
        }
        // frames are sorted; binary search because gaps make index arithmetic unreliable
        int lo = 0, hi = frames.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int f = frames.get(mid).frame();
            if (f == frame) {
                return Optional.of(frames.get(mid));
            } else if (f < frame) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    public long detectedFrames() {
        return frames.stream().filter(f -> !f.bridged()).count();
    }

    /** Mean horizontal centre of the head, used to order speakers left to right. */
    public double meanCenterX() {
        return frames.stream().mapToDouble(f -> f.head().centerX()).average().orElse(0);
    }
}
