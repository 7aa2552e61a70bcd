package org.talkfx.media;

/**
 * Which frames to decode: at {@code fps} frames per second (0: every frame of the source at its own timestamps),
 * from {@code startSeconds} for {@code durationSeconds} (infinity: to the end).
 */
public record VideoRequest(double fps, double startSeconds, double durationSeconds) {
    /** InfiniteTalk's frame rate. */
    public static final double MODEL_FPS = 25.0;

    public VideoRequest {
        if (!(fps >= 0) || !(startSeconds >= 0) || !(durationSeconds > 0)) {
            throw new IllegalArgumentException("fps must be >= 0, start >= 0, duration > 0");
        }
    }

    public static VideoRequest atModelRate() {
        return new VideoRequest(MODEL_FPS, 0, Double.POSITIVE_INFINITY);
    }

    public static VideoRequest sourceFrames() {
        return new VideoRequest(0, 0, Double.POSITIVE_INFINITY);
    }

    public static VideoRequest at(double fps) {
        return new VideoRequest(fps, 0, Double.POSITIVE_INFINITY);
    }

    public VideoRequest range(double start, double duration) {
        return new VideoRequest(fps, start, duration);
    }
}
