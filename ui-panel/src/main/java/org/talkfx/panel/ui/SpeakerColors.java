package org.talkfx.panel.ui;

import java.awt.Color;

/** One colour per speaker (Okabe-Ito, told apart by colour-blind viewers too), used everywhere a speaker shows. */
final class SpeakerColors {
    private static final Color[] COLORS = {
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73), new Color(0xCC79A7)};
    static final Color NONE = new Color(0x8A8A8A);

    private SpeakerColors() {
    }

    /** Colour of speaker 1-4; grey for 0 (no speaker). */
    static Color of(int speaker) {
        return speaker >= 1 && speaker <= COLORS.length ? COLORS[speaker - 1] : NONE;
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
