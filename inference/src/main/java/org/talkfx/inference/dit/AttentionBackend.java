package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;

/**
 * Softmax attention with scale 1/sqrt(D): q [B, Lq, H, D], k and v [B, Lk, H, D] -> [B, Lq, H, D], no mask.
 * The result must live in q's manager.
 */
public interface AttentionBackend {
    NDArray attend(NDArray q, NDArray k, NDArray v);

    String name();

    /** Query chunks sized so that one chunk's score matrix stays under {@code maxScoreBytes}. */
    static AttentionBackend chunked(long maxScoreBytes) {
        return new ChunkedAttention(maxScoreBytes);
    }

    /** The whole score matrix at once (reference and benchmark baseline; does not fit at real sizes). */
    static AttentionBackend unchunked() {
        return chunked(Long.MAX_VALUE);
    }

    /** 256 MiB of scores per chunk: a 33k-token window (40 heads) runs in chunks of about 50 queries. */
    static AttentionBackend defaultBackend() {
        return chunked(256L << 20);
    }
}
