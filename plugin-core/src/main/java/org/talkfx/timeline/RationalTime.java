package org.talkfx.timeline;

/**
 * A point or length in time as OTIO stores it: {@code value} units at {@code rate} units per second. Arithmetic
 * keeps the finer of the two rates, as OTIO does, so adding frame counts at 24 fps stays exact.
 */
public record RationalTime(double value, double rate) implements Comparable<RationalTime> {
    public static RationalTime zero(double rate) {
        return new RationalTime(0, rate);
    }

    public double seconds() {
        return value / rate;
    }

    public boolean isFinite() {
        return Double.isFinite(value) && Double.isFinite(rate) && rate > 0;
    }

    public RationalTime rescaledTo(double newRate) {
        return newRate == rate ? this : new RationalTime(value * newRate / rate, newRate);
    }

    /** The value at {@code frameRate}, rounded to the nearest whole frame. */
    public long frames(double frameRate) {
        return Math.round(rescaledTo(frameRate).value);
    }

    public RationalTime plus(RationalTime other) {
        double r = Math.max(rate, other.rate);
        return new RationalTime(rescaledTo(r).value + other.rescaledTo(r).value, r);
    }

    public RationalTime minus(RationalTime other) {
        double r = Math.max(rate, other.rate);
        return new RationalTime(rescaledTo(r).value - other.rescaledTo(r).value, r);
    }

    public static RationalTime max(RationalTime a, RationalTime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static RationalTime min(RationalTime a, RationalTime b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(RationalTime o) {
        double r = Math.max(rate, o.rate);
        return Double.compare(rescaledTo(r).value, o.rescaledTo(r).value);
    }

    /** {@code SMPTE-like HH:MM:SS:FF} at the given frame rate (non-drop), for display. */
    public String timecode(double frameRate) {
        long f = frames(frameRate);
        String sign = f < 0 ? "-" : "";
        f = Math.abs(f);
        long fps = Math.max(1, Math.round(frameRate));
        long ff = f % fps;
        long s = f / fps;
        return String.format("%s%02d:%02d:%02d:%02d", sign, s / 3600, (s / 60) % 60, s % 60, ff);
    }

    @Override
    public String toString() {
        return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "@" + rate;
    }
}
