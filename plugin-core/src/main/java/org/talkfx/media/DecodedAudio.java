package org.talkfx.media;

/**
 * Mono float audio as the model wants it, with where it came from: the offset and the source's own duration, rate,
 * channel count and codec.
 */
public record DecodedAudio(float[] samples, int sampleRate, double offsetSeconds,
                           double sourceDurationSeconds, int sourceSampleRate, int sourceChannels, String sourceCodec) {
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
