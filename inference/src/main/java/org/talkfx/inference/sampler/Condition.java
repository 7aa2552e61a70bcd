package org.talkfx.inference.sampler;

/** The conditions a guided step may evaluate the model under. */
public enum Condition {
    /** prompt + audio. */
    FULL,
    /** negative prompt + audio ("drop text"). */
    NO_TEXT,
    /** prompt + null audio ("drop audio", used when the text scale is 1). */
    NO_AUDIO,
    /** negative prompt + null audio. */
    NONE;

    public boolean usesPrompt() {
        return this == FULL || this == NO_AUDIO;
    }

    public boolean usesAudio() {
        return this == FULL || this == NO_TEXT;
    }
}
