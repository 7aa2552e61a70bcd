package org.talkfx.inference.face;

import java.util.List;

/**
 * One face found in one frame, in source-frame pixels.
 *
 * @param box       the face box (MediaPipe's: roughly brows to chin, cheek to cheek)
 * @param score     detector confidence in [0, 1]
 * @param keypoints six points in {@link Keypoint} order
 */
public record FaceDetection(Box box, float score, List<Point> keypoints) {
    public FaceDetection {
        keypoints = List.copyOf(keypoints);
        if (keypoints.size() != FaceModel.KEYPOINTS) {
            throw new IllegalArgumentException("a face has " + FaceModel.KEYPOINTS + " keypoints, got " + keypoints.size());
        }
    }

    public Point keypoint(Keypoint k) {
        return keypoints.get(k.ordinal());
    }

    /** BlazeFace's keypoints; "right"/"left" are the subject's, so RIGHT_EYE is on the viewer's left. */
    public enum Keypoint { RIGHT_EYE, LEFT_EYE, NOSE_TIP, MOUTH, RIGHT_EAR, LEFT_EAR }
}
