package org.talkfx.inference.pipeline;

import java.nio.file.Path;

/**
 * One speaker's audio: 16 kHz mono samples (already loudness-normalised if wanted), a linear gain and an offset in
 * seconds on the shot's timeline (in {@code add} mode: after the previous speaker's turn).
 */
public record SpeakerTrack(Path file, float[] samples16k, float gain, double offsetSeconds) {
    public SpeakerTrack {
        if (offsetSeconds < 0) {
            throw new IllegalArgumentException("speaker offset must be >= 0 s, got " + offsetSeconds);
        }
        if (!Float.isFinite(gain) || gain < 0) {
            throw new IllegalArgumentException("speaker gain must be finite and >= 0, got " + gain);
        }
    }
}
