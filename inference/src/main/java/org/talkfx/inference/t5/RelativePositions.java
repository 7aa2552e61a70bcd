package org.talkfx.inference.t5;

/** T5's bidirectional relative-position buckets: exact buckets for small distances, log-spaced up to max_distance. */
public final class RelativePositions {
    private RelativePositions() {
    }

    /** Bucket of (key - query) for every query/key pair, [lq][lk]. */
    public static long[][] buckets(int lq, int lk, int numBuckets, int maxDistance) {
        long[][] out = new long[lq][lk];
        int half = numBuckets / 2;
        int maxExact = half / 2;
        for (int q = 0; q < lq; q++) {
            for (int k = 0; k < lk; k++) {
                int rel = k - q;
                long bucket = rel > 0 ? half : 0;
                int dist = Math.abs(rel);
                if (dist < maxExact) {
                    bucket += dist;
                } else {
                    // float32 arithmetic as torch does it, so boundaries truncate the same way
                    float scaled = (float) Math.log((float) dist / maxExact) / (float) Math.log((double) maxDistance / maxExact)
                            * (half - maxExact);
                    bucket += Math.min(maxExact + (long) scaled, half - 1);
                }
                out[q][k] = bucket;
            }
        }
        return out;
    }
}
