package org.talkfx.ofx.image;

/** OfxRectI: pixel coordinates, x2/y2 exclusive, y up. */
public record RectI(int x1, int y1, int x2, int y2) {
    public static RectI of(int[] v) {
        return new RectI(v[0], v[1], v[2], v[3]);
    }

    public int width() {
        return x2 - x1;
    }

    public int height() {
        return y2 - y1;
    }

    public RectI intersect(RectI o) {
        return new RectI(Math.max(x1, o.x1), Math.max(y1, o.y1), Math.min(x2, o.x2), Math.min(y2, o.y2));
    }

    public boolean isEmpty() {
        return x2 <= x1 || y2 <= y1;
    }
}
