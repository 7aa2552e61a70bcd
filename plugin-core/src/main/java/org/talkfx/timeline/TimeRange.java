package org.talkfx.timeline;

/** A half-open range {@code [start, start + duration)}, as OTIO's {@code TimeRange.1}. */
public record TimeRange(RationalTime start, RationalTime duration) {
    public static TimeRange between(RationalTime start, RationalTime endExclusive) {
        return new TimeRange(start, endExclusive.minus(start));
    }

    public RationalTime end() {
        return start.plus(duration);
    }

    public boolean overlaps(TimeRange other) {
        return start.compareTo(other.end()) < 0 && other.start.compareTo(end()) < 0;
    }

    /** The common part, or null when the two ranges do not overlap. */
    public TimeRange intersect(TimeRange other) {
        RationalTime s = RationalTime.max(start, other.start);
        RationalTime e = RationalTime.min(end(), other.end());
        return s.compareTo(e) < 0 ? between(s, e) : null;
    }

    @Override
    public String toString() {
        return "[" + start + " +" + duration + "]";
    }
}
