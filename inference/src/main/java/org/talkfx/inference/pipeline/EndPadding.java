package org.talkfx.inference.pipeline;

/** How the audio features are extended when the last window runs past the end of the audio (spec 2.8). */
public enum EndPadding {
    /** Official InfiniteTalk: append the time-reversed last (overrun + 3) frames. */
    REVERSED_TAIL,
    /** WanVideoWrapper: append wav2vec2 features of silence. */
    SILENCE
}
