package org.talkfx.shot;

/**
 * One voice: its audio file, where the audio's start sits relative to the source's first frame (seconds; negative
 * = the audio starts earlier), gain in dB, whether it is used, and the face track it drives (null = not yet
 * assigned; the pipeline then takes the largest face for a single speaker).
 */
public record Speaker(String audio, Double offsetSeconds, Double gainDb, Boolean enabled, Integer faceTrack) {
    public Speaker {
        if (offsetSeconds == null) {
            offsetSeconds = 0.0;
        }
        if (gainDb == null) {
            gainDb = 0.0;
        }
        if (enabled == null) {
            enabled = Boolean.TRUE;
        }
    }
}
