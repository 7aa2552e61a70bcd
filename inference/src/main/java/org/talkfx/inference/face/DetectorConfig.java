package org.talkfx.inference.face;

/**
 * @param model          which BlazeFace network
 * @param scoreThreshold minimum confidence of a face (MediaPipe uses 0.5)
 * @param nmsIou         overlap above which candidates merge into one face (MediaPipe: 0.3)
 * @param maxFaces       most faces reported per frame, best first
 */
public record DetectorConfig(FaceModel model, float scoreThreshold, float nmsIou, int maxFaces) {
    public DetectorConfig {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0, 1), got " + scoreThreshold);
        }
        if (!(nmsIou > 0 && nmsIou < 1)) {
            throw new IllegalArgumentException("nmsIou must be in (0, 1), got " + nmsIou);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be at least 1, got " + maxFaces);
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(FaceModel.BACK_256, 0.5f, 0.3f, 16);
    }

    public DetectorConfig withModel(FaceModel m) {
        return new DetectorConfig(m, scoreThreshold, nmsIou, maxFaces);
    }

    public DetectorConfig withScoreThreshold(float t) {
        return new DetectorConfig(model, t, nmsIou, maxFaces);
    }
}
