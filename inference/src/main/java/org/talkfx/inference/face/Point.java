package org.talkfx.inference.face;

/** A position in source-frame pixels (x right, y down). */
public record Point(float x, float y) {
    public float distance(Point o) {
        return (float) Math.hypot(x - o.x, y - o.y);
    }
}
