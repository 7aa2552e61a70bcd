package org.talkfx.media;

/** Told after every frame written; {@code expected} is 0 when the caller gave no total. */
@FunctionalInterface
public interface EncodeProgress {
    EncodeProgress NONE = (written, expected) -> { };

    void framesWritten(long written, long expected);
}
