package org.talkfx.media;

/**
 * Integrated loudness after ITU-R BS.1770-4 (K-weighted mean square over 400 ms blocks with 75 % overlap, absolute
 * gate at -70 LUFS, relative gate 10 LU below the absolutely gated loudness) and InfiniteTalk's normalisation to
 * -23 LUFS, which it skips when the measurement is beyond +-100 (silence measures -infinity).
 * <p>
 * InfiniteTalk measures with pyloudnorm, whose filters and block count differ slightly from the standard (see
 * {@link KWeighting.Design}): {@link #normalize(DecodedAudio)} follows pyloudnorm so that the model sees the same
 * level as upstream; {@link #integrated(PcmAudio)} is the standard meter.
 */
public final class Loudness {
    public static final double TARGET_LUFS = -23.0;
    private static final double BLOCK_SECONDS = 0.4;
    private static final double STEP_SECONDS = 0.1;
    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final double RELATIVE_GATE_LU = -10.0;
    private static final double SKIP_BEYOND = 100.0;

    private Loudness() {
    }

    /** What {@link #normalize} did. */
    public record Normalized(float[] samples, double measuredLufs, double gainDb, boolean applied) {
    }

    /** Integrated loudness of mono audio in LUFS (standard meter); -infinity for silence or less than one block. */
    public static double integrated(float[] mono, int sampleRate) {
        return integrated(PcmAudio.mono(mono, sampleRate), KWeighting.Design.BS1770);
    }

    public static double integrated(PcmAudio audio) {
        return integrated(audio, KWeighting.Design.BS1770);
    }

    /**
     * Integrated loudness in LUFS. Channel weights follow BS.1770: 1.0 for front channels, 1.41 for the surrounds of
     * a 5-channel or 5.1 layout (FFmpeg's order), 0 for the LFE. With {@code PYLOUDNORM}, blocks are counted as
     * pyloudnorm does: round((T - 0.4) / 0.1) + 1, so a last block more than half a step long is included, cut short
     * but divided by the full block length.
     */
    public static double integrated(PcmAudio audio, KWeighting.Design design) {
        int rate = audio.sampleRate();
        int block = (int) Math.round(BLOCK_SECONDS * rate);
        int step = (int) Math.round(STEP_SECONDS * rate);
        int frames = audio.frames();
        if (frames < block) {
            return Double.NEGATIVE_INFINITY;
        }
        int blocks = design == KWeighting.Design.BS1770
                ? (frames - block) / step + 1
                : (int) Math.rint((frames / (double) rate - BLOCK_SECONDS) / STEP_SECONDS) + 1;
        double[] power = new double[blocks];
        double[] weights = channelWeights(audio.channelCount());
        for (int c = 0; c < audio.channelCount(); c++) {
            if (weights[c] == 0) {
                continue;
            }
            double[] y = KWeighting.apply(audio.channels()[c], rate, design);
            double[] cumulative = new double[y.length + 1];
            for (int i = 0; i < y.length; i++) {
                cumulative[i + 1] = cumulative[i] + y[i] * y[i];
            }
            for (int j = 0; j < blocks; j++) {
                int start = j * step;
                int end = Math.min(start + block, y.length);
                power[j] += weights[c] * (cumulative[end] - cumulative[start]) / block;
            }
        }
        double absolutePower = meanAbove(power, toPower(ABSOLUTE_GATE_LUFS));
        if (Double.isNaN(absolutePower)) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = Math.max(toPower(toLufs(absolutePower) + RELATIVE_GATE_LU), toPower(ABSOLUTE_GATE_LUFS));
        return toLufs(meanAbove(power, relativeGate));
    }

    /**
     * Scales mono audio to {@code targetLufs} as measured by {@code design}; returns a copy, unscaled when the
     * measurement is beyond +-100.
     */
    public static Normalized normalize(float[] mono, int sampleRate, double targetLufs, KWeighting.Design design) {
        double measured = integrated(PcmAudio.mono(mono, sampleRate), design);
        if (!(Math.abs(measured) <= SKIP_BEYOND)) {
            return new Normalized(mono.clone(), measured, 0, false);
        }
        double gainDb = targetLufs - measured;
        float gain = (float) Math.pow(10, gainDb / 20);
        float[] out = new float[mono.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mono[i] * gain;
        }
        return new Normalized(out, measured, gainDb, true);
    }

    /** InfiniteTalk's step: -23 LUFS as pyloudnorm measures it. */
    public static Normalized normalize(DecodedAudio audio) {
        return normalize(audio.samples(), audio.sampleRate(), TARGET_LUFS, KWeighting.Design.PYLOUDNORM);
    }

    private static double[] channelWeights(int channels) {
        double[] w = new double[channels];
        java.util.Arrays.fill(w, 1.0);
        if (channels == 5) {
            w[3] = w[4] = 1.41;
        } else if (channels == 6) {
            w[3] = 0;
            w[4] = w[5] = 1.41;
        }
        return w;
    }

    /** Mean of the block powers strictly above {@code gate}; NaN when no block passes. */
    private static double meanAbove(double[] power, double gate) {
        double sum = 0;
        int n = 0;
        for (double p : power) {
            if (p > gate) {
                sum += p;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double toLufs(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    private static double toPower(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }
}
