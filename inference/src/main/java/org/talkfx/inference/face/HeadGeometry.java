package org.talkfx.inference.face;

/**
 * How far the head box extends past BlazeFace's face box (brows to chin), as fractions of the face box size.
 *
 * @param sides  added on the left and on the right, times the face width (ears, hair)
 * @param top    added above, times the face height (forehead and hair)
 * @param bottom added below, times the face height (chin and some neck)
 */
public record HeadGeometry(float sides, float top, float bottom) {
    public HeadGeometry {
        for (float f : new float[]{sides, top, bottom}) {
            if (!(f >= 0 && f <= 5)) {
                throw new IllegalArgumentException("head growth factors must be in [0, 5], got " + sides + ", " + top + ", " + bottom);
            }
        }
    }

    /** Checked on astronaut.png: the box covers her hair, chin and the top of the neck. */
    public static HeadGeometry defaults() {
        return new HeadGeometry(0.25f, 0.6f, 0.4f);
    }

    /**
     * The head box of a face. Horizontally it is centred between the ear keypoints when both are inside a wide
     * margin of the face box (turned heads shift the skull behind the face), else on the face box.
     */
    public Box headBox(Box face, java.util.List<Point> keypoints) {
        float cx = face.centerX();
        Point rightEar = keypoints.get(FaceDetection.Keypoint.RIGHT_EAR.ordinal());
        Point leftEar = keypoints.get(FaceDetection.Keypoint.LEFT_EAR.ordinal());
        float earMid = (rightEar.x() + leftEar.x()) / 2;
        if (Math.abs(earMid - cx) < face.width() / 2) {
            cx = (cx + earMid) / 2;
        }
        float w = face.width() * (1 + 2 * sides);
        return new Box(cx - w / 2, face.y() - top * face.height(), w, face.height() * (1 + top + bottom));
    }
}
