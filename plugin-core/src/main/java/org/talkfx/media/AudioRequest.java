package org.talkfx.media;

/**
 * Which part of a file's audio to decode and at what rate. {@code durationSeconds} of {@code Double.POSITIVE_INFINITY}
 * means up to the end. A rate of 0 keeps the source rate.
 */
public record AudioRequest(double offsetSeconds, double durationSeconds, int sampleRate) {
    /** The model's input rate. */
    public static final int MODEL_RATE = 16_000;

    public AudioRequest {
        if (!(offsetSeconds >= 0) || !(durationSeconds > 0) || sampleRate < 0) {
            throw new IllegalArgumentException("offset must be >= 0, duration > 0, rate >= 0");
        }
    }

    /** The whole file at 16 kHz. */
    public static AudioRequest whole() {
        return new AudioRequest(0, Double.POSITIVE_INFINITY, MODEL_RATE);
    }

    public static AudioRequest range(double offsetSeconds, double durationSeconds) {
        return new AudioRequest(offsetSeconds, durationSeconds, MODEL_RATE);
    }

    public AudioRequest withSampleRate(int rate) {
        return new AudioRequest(offsetSeconds, durationSeconds, rate);
    }
}
