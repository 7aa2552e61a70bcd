package org.talkfx.inference.face;

/**
 * The one-euro filter (Casiez et al. 2012): a low-pass whose cut-off rises with speed, so a still head stays steady
 * and a moving one does not lag much. One instance filters one scalar.
 */
final class OneEuroFilter {
    private static final double DERIVATIVE_CUTOFF_HZ = 1.0;
    private final double rate;
    private final double minCutoff;
    private final double beta;
    private boolean started;
    private double value;
    private double derivative;

    OneEuroFilter(double rateHz, double minCutoffHz, double beta) {
        this.rate = rateHz;
        this.minCutoff = minCutoffHz;
        this.beta = beta;
    }

    /** Starts from a known speed (units per second) instead of rest, so a moving start does not lag. */
    OneEuroFilter seedDerivative(double perSecond) {
        derivative = perSecond;
        return this;
    }

    double filter(double x) {
        if (!started) {
            started = true;
            value = x;
            return x;
        }
        double d = (x - value) * rate;
        derivative += alpha(DERIVATIVE_CUTOFF_HZ) * (d - derivative);
        value += alpha(minCutoff + beta * Math.abs(derivative)) * (x - value);
        return value;
    }

    private double alpha(double cutoffHz) {
        double tau = 1 / (2 * Math.PI * cutoffHz);
        return 1 / (1 + tau * rate);
    }
}
