package org.talkfx.media;

/**
 * The K-weighting of ITU-R BS.1770-4: a high shelf (about +4 dB above 1.7 kHz, the head's acoustic effect) followed
 * by a high pass (the "RLB" curve near 38 Hz). BS.1770 tabulates coefficients for 48 kHz only; these are derived for
 * any rate from the analogue prototypes (centre frequency, gain and Q) that reproduce the 48 kHz table, through the
 * bilinear transform with frequency pre-warping.
 */
public final class KWeighting {
    private static final double SHELF_HZ = 1681.974450955533;
    private static final double SHELF_GAIN_DB = 3.999843853973347;
    private static final double SHELF_Q = 0.7071752369554196;
    /** Ratio of the shelf's band gain exponent to its high-frequency gain exponent in the prototype. */
    private static final double SHELF_VB_EXPONENT = 0.4996667741545416;
    private static final double HIGH_PASS_HZ = 38.13547087602444;
    private static final double HIGH_PASS_Q = 0.5003270373238773;

    private KWeighting() {
    }

    /** Stage 1, the pre-filter (high shelf). */
    public static Biquad shelf(int sampleRate) {
        double k = Math.tan(Math.PI * SHELF_HZ / sampleRate);
        double vh = Math.pow(10, SHELF_GAIN_DB / 20);
        double vb = Math.pow(vh, SHELF_VB_EXPONENT);
        double a0 = 1 + k / SHELF_Q + k * k;
        return new Biquad(
                (vh + vb * k / SHELF_Q + k * k) / a0,
                2 * (k * k - vh) / a0,
                (vh - vb * k / SHELF_Q + k * k) / a0,
                2 * (k * k - 1) / a0,
                (1 - k / SHELF_Q + k * k) / a0);
    }

    /** Stage 2, the RLB high pass. Its numerator is 1, -2, 1 as in BS.1770's table. */
    public static Biquad highPass(int sampleRate) {
        double k = Math.tan(Math.PI * HIGH_PASS_HZ / sampleRate);
        double a0 = 1 + k / HIGH_PASS_Q + k * k;
        return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / HIGH_PASS_Q + k * k) / a0);
    }

    /** Both stages applied to one channel. */
    public static double[] apply(float[] channel, int sampleRate) {
        double[] x = new double[channel.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = channel[i];
        }
        return highPass(sampleRate).apply(shelf(sampleRate).apply(x));
    }
}
