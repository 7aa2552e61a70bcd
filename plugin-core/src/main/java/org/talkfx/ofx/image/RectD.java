package org.talkfx.ofx.image;

/** OfxRectD: canonical coordinates. */
public record RectD(double x1, double y1, double x2, double y2) {
    public static RectD of(double[] v) {
        return new RectD(v[0], v[1], v[2], v[3]);
    }

    public double[] toArray() {
        return new double[] {x1, y1, x2, y2};
    }
}
