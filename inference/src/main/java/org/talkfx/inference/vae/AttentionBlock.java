package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.nn.Ops;

/** The middle block's single-head self-attention over the pixels of each frame separately (no time mixing). */
final class AttentionBlock implements VaeLayer {
    /** Query rows per attention chunk: bounds the score matrix at 480p latents (6240 pixels) to ~25 MB. */
    private static final int QUERY_CHUNK = 1024;

    private final NDArray norm;
    private final NDArray qkvWeight;
    private final NDArray qkvBias;
    private final NDArray projWeight;
    private final NDArray projBias;

    AttentionBlock(ParamSource p, String name, long dim) {
        norm = p.param(name + ".norm.gamma", dim, 1, 1);
        qkvWeight = p.param(name + ".to_qkv.weight", 3 * dim, dim, 1, 1);
        qkvBias = p.param(name + ".to_qkv.bias", 3 * dim);
        projWeight = p.param(name + ".proj.weight", dim, dim, 1, 1);
        projBias = p.param(name + ".proj.bias", dim);
    }

    @Override
    public NDArray forward(NDArray x, FeatureCache cache) {
        NDArray attended = VaeOps.perFrame(x, this::attendImages);
        return attended.add(x);
    }

    private NDArray attendImages(NDArray images) {
        Shape s = images.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long pixels = s.get(2) * s.get(3);
        Shape one = new Shape(1, 1);
        NDArray qkv = VaeOps.conv(VaeOps.rmsNorm(images, norm), qkvWeight, qkvBias, one, new Shape(0, 0));
        NDList parts = qkv.reshape(n, 3 * c, pixels).transpose(0, 2, 1).split(3, 2);
        NDArray q = parts.get(0).reshape(n, pixels, 1, c);
        NDArray k = parts.get(1).reshape(n, pixels, 1, c);
        NDArray v = parts.get(2).reshape(n, pixels, 1, c);
        NDArray out = Ops.attention(q, k, v, QUERY_CHUNK).reshape(n, pixels, c).transpose(0, 2, 1)
                .reshape(n, c, s.get(2), s.get(3));
        return VaeOps.conv(out, projWeight, projBias, one, new Shape(0, 0));
    }
}
