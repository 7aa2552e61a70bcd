package org.talkfx.inference.audio;

/**
 * ITU-R BS.1770 integrated loudness of mono audio (K-weighting, 400 ms blocks with 75 % overlap, absolute gate
 * -70 LUFS, relative gate -10 LU) and the official InfiniteTalk preprocessing that scales speech to -23 LUFS.
 * The K-weighting biquads are designed for the given sample rate the way pyloudnorm (the official dependency)
 * designs them, so results agree at 16 kHz.
 */
public final class Loudness {
    public static final double TARGET_LUFS = -23.0;
    private static final double BLOCK_S = 0.4;
    private static final double STEP = 0.25;

    private Loudness() {
    }

    /** Integrated loudness in LUFS; -infinity for silence, NaN when shorter than one 400 ms block. */
    public static double integrated(float[] audio, int sampleRate) {
        int blockLen = (int) (BLOCK_S * sampleRate);
        if (audio.length < blockLen) {
            return Double.NaN;
        }
        double[] x = new double[audio.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = audio[i];
        }
        x = biquad(x, highShelf(sampleRate));
        x = biquad(x, highPass(sampleRate));
        double seconds = (double) audio.length / sampleRate;
        int blocks = (int) Math.round((seconds - BLOCK_S) / (BLOCK_S * STEP)) + 1;
        double[] z = new double[blocks];
        double[] lufs = new double[blocks];
        for (int j = 0; j < blocks; j++) {
            int lo = (int) (BLOCK_S * (j * STEP) * sampleRate);
            int hi = Math.min(x.length, (int) (BLOCK_S * (j * STEP + 1) * sampleRate));
            double sum = 0;
            for (int i = lo; i < hi; i++) {
                sum += x[i] * x[i];
            }
            z[j] = sum / (BLOCK_S * sampleRate);
            lufs[j] = -0.691 + 10 * Math.log10(z[j]);
        }
        double relativeGate = -0.691 + 10 * Math.log10(gatedMean(z, lufs, -70.0, Double.NEGATIVE_INFINITY)) - 10;
        return -0.691 + 10 * Math.log10(gatedMean(z, lufs, -70.0, relativeGate));
    }

    /**
     * The official preprocessing: scale to -23 LUFS, or leave the audio as it is when its loudness is not
     * finite within +-100 LUFS (silence) or it is shorter than one measuring block. No clipping, as upstream.
     */
    public static float[] normalize(float[] audio, int sampleRate) {
        double measured = integrated(audio, sampleRate);
        if (Double.isNaN(measured) || Math.abs(measured) > 100) {
            return audio.clone();
        }
        float gain = (float) Math.pow(10, (TARGET_LUFS - measured) / 20);
        float[] out = new float[audio.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = audio[i] * gain;
        }
        return out;
    }

    private static double gatedMean(double[] z, double[] lufs, double absolute, double relative) {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < z.length; j++) {
            if (lufs[j] >= absolute && lufs[j] > relative) {
                sum += z[j];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Stage 1 of K-weighting: +4 dB high shelf at 1500 Hz, Q = 1/sqrt(2). Returns {b0, b1, b2, a1, a2}. */
    private static double[] highShelf(int rate) {
        double a = Math.pow(10, 4.0 / 40);
        double w0 = 2 * Math.PI * 1500 / rate;
        double alpha = Math.sin(w0) / (2 / Math.sqrt(2));
        double c = Math.cos(w0);
        double sa = 2 * Math.sqrt(a) * alpha;
        double a0 = (a + 1) - (a - 1) * c + sa;
        return new double[]{a * ((a + 1) + (a - 1) * c + sa) / a0, -2 * a * ((a - 1) + (a + 1) * c) / a0,
                a * ((a + 1) + (a - 1) * c - sa) / a0, 2 * ((a - 1) - (a + 1) * c) / a0,
                ((a + 1) - (a - 1) * c - sa) / a0};
    }

    /** Stage 2 of K-weighting: high pass at 38 Hz, Q = 0.5. */
    private static double[] highPass(int rate) {
        double w0 = 2 * Math.PI * 38 / rate;
        double alpha = Math.sin(w0) / (2 * 0.5);
        double c = Math.cos(w0);
        double a0 = 1 + alpha;
        return new double[]{(1 + c) / 2 / a0, -(1 + c) / a0, (1 + c) / 2 / a0, -2 * c / a0, (1 - alpha) / a0};
    }

    private static double[] biquad(double[] x, double[] k) {
        double[] y = new double[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = k[0] * x[i] + k[1] * x1 + k[2] * x2 - k[3] * y1 - k[4] * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = v;
            y[i] = v;
        }
        return y;
    }
}
