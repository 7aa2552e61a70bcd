package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The 1-D rotary embedding of the audio cross-attention (MultiTalk's {@code RotaryPositionalEmbedding1D}): frequency
 * 10000^(-2i/D) shared by the adjacent pair (2i, 2i+1), fractional positions allowed, float32.
 */
final class LabelRope {
    private LabelRope() {
    }

    /**
     * @param x         [N, S, H, D]
     * @param positions [N * S] or [S] (broadcast over N), one position per token
     */
    static NDArray apply(NDArray x, NDArray positions) {
        Shape s = x.getShape();
        long d = s.get(3);
        NDArray freqs = x.getManager().arange(0, (int) d, 2).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .div((float) d);
        freqs = freqs.getManager().full(freqs.getShape(), 10000f).pow(freqs).pow(-1); // [D/2]
        long n = positions.size() == s.get(1) ? 1 : s.get(0);
        NDArray angles = positions.reshape(n, s.get(1), 1, 1).mul(freqs.reshape(1, 1, 1, d / 2));
        angles = angles.stack(angles, -1).reshape(n, s.get(1), 1, d); // each frequency for its adjacent pair
        NDArray cos = angles.cos();
        NDArray sin = angles.sin();
        NDArray pairs = x.reshape(s.get(0), s.get(1), s.get(2), d / 2, 2);
        NDArray rotated = pairs.get("..., 1").neg().stack(pairs.get("..., 0"), -1).reshape(s);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
