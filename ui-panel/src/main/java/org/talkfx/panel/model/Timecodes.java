package org.talkfx.panel.model;

import org.talkfx.timeline.RationalTime;

/** Offsets and positions as editors read them: signed {@code HH:MM:SS:FF} at the timeline's rate. */
public final class Timecodes {
    private Timecodes() {
    }

    /** {@code +00:00:01:12}, {@code -00:00:00:12}: the frame on screen at that time (floor), with its sign. */
    public static String offset(double seconds, double rate) {
        long frames = (long) Math.floor(Math.abs(seconds) * rate + 1e-6);
        String tc = new RationalTime(frames, rate).timecode(rate);
        return (seconds < 0 && frames > 0 ? "-" : "+") + tc;
    }
}
