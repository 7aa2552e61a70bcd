package org.talkfx.inference.face;

import java.util.List;

/**
 * One track in one frame, smoothed.
 *
 * @param frame     frame index in the clip (0-based)
 * @param face      face box in source pixels
 * @param head      head box (face grown by {@link HeadGeometry})
 * @param keypoints six keypoints in {@link FaceDetection.Keypoint} order
 * @param score     detector score, or 0 for a bridged frame
 * @param bridged   true when the face was not detected here and the box is interpolated
 */
public record TrackedFace(int frame, Box face, Box head, List<Point> keypoints, float score, boolean bridged) {
    public TrackedFace {
        keypoints = List.copyOf(keypoints);
    }
}
