package org.talkfx.media;

/**
 * The K-weighting of ITU-R BS.1770-4: a high shelf (about +4 dB above 1.7 kHz, the head's acoustic effect) followed
 * by a high pass (the "RLB" curve near 38 Hz). BS.1770 tabulates coefficients for 48 kHz only; {@link Design#BS1770}
 * derives them for any rate from the analogue prototypes (centre frequency, gain and Q) that reproduce the 48 kHz
 * table, through the bilinear transform with frequency pre-warping. {@link Design#PYLOUDNORM} is the approximation
 * pyloudnorm (and so InfiniteTalk) uses: Audio EQ Cookbook biquads, shelf +4 dB / Q 0.7071 / 1500 Hz and high pass
 * Q 0.5 / 38 Hz; it reads about 0.04 LU low at 48 kHz and 0.12 LU low at 16 kHz.
 */
public final class KWeighting {
    /** Which filter design to use. */
    public enum Design { BS1770, PYLOUDNORM }

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

    /** pyloudnorm's stage 1: the cookbook high shelf. */
    public static Biquad cookbookShelf(int sampleRate) {
        double a = Math.pow(10, 4.0 / 40);
        double w0 = 2 * Math.PI * 1500.0 / sampleRate;
        double alpha = Math.sin(w0) / (2 / Math.sqrt(2));
        double cos = Math.cos(w0);
        double root = 2 * Math.sqrt(a) * alpha;
        double a0 = (a + 1) - (a - 1) * cos + root;
        return new Biquad(
                a * ((a + 1) + (a - 1) * cos + root) / a0,
                -2 * a * ((a - 1) + (a + 1) * cos) / a0,
                a * ((a + 1) + (a - 1) * cos - root) / a0,
                2 * ((a - 1) - (a + 1) * cos) / a0,
                ((a + 1) - (a - 1) * cos - root) / a0);
    }

    /** pyloudnorm's stage 2: the cookbook high pass. */
    public static Biquad cookbookHighPass(int sampleRate) {
        double w0 = 2 * Math.PI * 38.0 / sampleRate;
        double alpha = Math.sin(w0) / (2 * 0.5);
        double cos = Math.cos(w0);
        double a0 = 1 + alpha;
        return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    /** Both stages applied to one channel. */
    public static double[] apply(float[] channel, int sampleRate, Design design) {
        double[] x = new double[channel.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = channel[i];
        }
        return design == Design.BS1770
                ? highPass(sampleRate).apply(shelf(sampleRate).apply(x))
                : cookbookHighPass(sampleRate).apply(cookbookShelf(sampleRate).apply(x));
    }
}
