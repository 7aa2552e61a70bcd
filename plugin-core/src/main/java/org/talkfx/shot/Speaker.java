package org.talkfx.shot;

/**
 * One voice: its audio file, where the file's time 0 sits relative to the source's first frame (seconds; negative
 * = the audio starts earlier), gain in dB, whether it is used, the face track it drives (null = not yet assigned;
 * the pipeline then takes the largest face for a single speaker), and optionally the part of the file that plays
 * ({@code audio_in} inclusive, {@code audio_out} exclusive, seconds in the file; null = from the start / to the
 * end), as a trimmed clip on a timeline plays it.
 */
public record Speaker(String audio, Double offsetSeconds, Double gainDb, Boolean enabled, Integer faceTrack,
                      Double audioIn, Double audioOut) {
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

    /** A speaker playing the whole file. */
    public Speaker(String audio, Double offsetSeconds, Double gainDb, Boolean enabled, Integer faceTrack) {
        this(audio, offsetSeconds, gainDb, enabled, faceTrack, null, null);
    }
}
