package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import org.talkfx.inference.nn.Ops;

/** Memory-bounded attention in plain DJL ops ({@link Ops#attention}), query chunks sized from a byte budget. */
final class ChunkedAttention implements AttentionBackend {
    private final long maxScoreBytes;

    ChunkedAttention(long maxScoreBytes) {
        if (maxScoreBytes < 4) {
            throw new IllegalArgumentException("score budget " + maxScoreBytes);
        }
        this.maxScoreBytes = maxScoreBytes;
    }

    @Override
    public NDArray attend(NDArray q, NDArray k, NDArray v) {
        long b = q.getShape().get(0);
        long heads = q.getShape().get(2);
        long lk = k.getShape().get(1);
        long perQuery = b * heads * lk * Float.BYTES;
        int chunk = (int) Math.max(1, Math.min(q.getShape().get(1), maxScoreBytes / perQuery));
        return Ops.attention(q, k, v, chunk);
    }

    @Override
    public String name() {
        return maxScoreBytes == Long.MAX_VALUE ? "unchunked" : "chunked(" + (maxScoreBytes >> 20) + " MiB)";
    }
}
