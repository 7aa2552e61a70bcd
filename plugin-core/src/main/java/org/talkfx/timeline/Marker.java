package org.talkfx.timeline;

/** An OTIO marker; {@code markedRange} is in the coordinates of the item that carries it. */
public record Marker(String name, TimeRange markedRange, String color, String comment) {
}
