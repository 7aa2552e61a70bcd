package org.talkfx.inference.pipeline;

import java.util.Locale;

/** How several speakers' tracks share the timeline (spec 3.3). */
public enum AudioMode {
    /** All tracks play at once (overlapping speech allowed). */
    PARA,
    /** Turns: each speaker starts when the previous one ends, silent during the others' turns. */
    ADD;

    public static AudioMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("audio mode '" + s + "' is not para or add");
        }
    }
}
