package org.talkfx.panel.model;

/**
 * A waveform reduced for drawing: the lowest and highest sample of each bucket of {@code 1 / bucketsPerSecond}
 * seconds, for a file that lasts {@code durationSeconds}.
 */
public record Peaks(float[] min, float[] max, double bucketsPerSecond, double durationSeconds) {
    /** Reduces mono {@code samples} at {@code sampleRate} to {@code bucketsPerSecond} min/max pairs per second. */
    public static Peaks of(float[] samples, int sampleRate, double bucketsPerSecond) {
        double perBucket = sampleRate / bucketsPerSecond;
        int n = (int) Math.ceil(samples.length / perBucket);
        float[] lo = new float[n];
        float[] hi = new float[n];
        for (int b = 0; b < n; b++) {
            int from = (int) Math.floor(b * perBucket);
            int to = Math.min(samples.length, (int) Math.floor((b + 1) * perBucket));
            float mn = 0;
            float mx = 0;
            for (int i = from; i < to; i++) {
                mn = Math.min(mn, samples[i]);
                mx = Math.max(mx, samples[i]);
            }
            lo[b] = mn;
            hi[b] = mx;
        }
        return new Peaks(lo, hi, bucketsPerSecond, samples.length / (double) sampleRate);
    }

    /** The lowest and highest sample between {@code t0} and {@code t1} seconds of the file (0s outside it). */
    public float[] range(double t0, double t1) {
        int b0 = Math.max(0, (int) Math.floor(t0 * bucketsPerSecond));
        int b1 = Math.min(min.length, (int) Math.ceil(t1 * bucketsPerSecond));
        float mn = 0;
        float mx = 0;
        for (int b = b0; b < b1; b++) {
            mn = Math.min(mn, min[b]);
            mx = Math.max(mx, max[b]);
        }
        return new float[] {mn, mx};
    }
}
