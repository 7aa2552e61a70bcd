package org.talkfx.media;

/** A second-order IIR section with a0 normalised to 1 (direct form I, double precision state). */
public record Biquad(double b0, double b1, double b2, double a1, double a2) {
    /** Filters {@code in} into a new array, starting from rest. */
    public double[] apply(double[] in) {
        double[] out = new double[in.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < in.length; i++) {
            double x = in[i];
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            out[i] = y;
        }
        return out;
    }
}
