package org.talkfx.timeline;

/**
 * An item laid out on the timeline. {@code timelineRange} is where it plays, counted from the timeline's start
 * (global_start_time not added) and already trimmed by enclosing containers; {@code sourceStart} is the media
 * time that plays at {@code timelineRange.start()} (for gaps and transitions, the item's own start).
 * {@code kind} is that of the innermost enclosing track; {@code enabled} is false when the item or any container
 * above it is disabled.
 */
public record PlacedItem(Composable item, TrackKind kind, String trackName, TimeRange timelineRange,
                         RationalTime sourceStart, boolean enabled) {
    public String name() {
        return item.name();
    }

    /** Where the item starts relative to {@code origin} (e.g. the start of the effect's clip), in seconds. */
    public double offsetSecondsFrom(RationalTime origin) {
        return timelineRange.start().minus(origin).seconds();
    }

    public MediaReference media() {
        return item instanceof Composable.Clip c ? c.media() : null;
    }
}
