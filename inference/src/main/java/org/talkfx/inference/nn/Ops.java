package org.talkfx.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The tensor operations every network here shares, written once over DJL's functional API so that semantics
 * (exact-erf GELU, eps placement, fp32 accumulation) are the same in wav2vec2, CLIP, umT5 and the DiT.
 */
public final class Ops {
    private Ops() {
    }

    /** x @ weight^T + bias, weight [out, in] as in PyTorch; bias may be null. */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /** LayerNorm over the last dimension; gamma/beta may be null (elementwise_affine=False). */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        long last = x.getShape().get(x.getShape().dimension() - 1);
        NDArray g = gamma != null ? gamma : x.getManager().ones(new Shape(last), x.getDataType());
        NDArray b = beta != null ? beta : x.getManager().zeros(new Shape(last), x.getDataType());
        NDList out = LayerNorm.layerNorm(x, new Shape(last), g, b, eps);
        return out.singletonOrThrow();
    }

    /** RMSNorm over the last dimension: x * rsqrt(mean(x^2) + eps) * weight (weight may be null). */
    public static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        NDArray normed = x.mul(x.square().mean(new int[]{-1}, true).add(eps).pow(-0.5));
        return weight == null ? normed : normed.mul(weight);
    }

    /** GELU with the exact erf form (PyTorch's default, used by wav2vec2, CLIP and the Wan DiT's tanh-free paths). */
    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** GELU with the tanh approximation (umT5's gelu_new, the DiT FFN's approximate='tanh'). */
    public static NDArray geluTanh(NDArray x) {
        NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    public static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /**
     * Softmax attention, q [B, Lq, H, D], k/v [B, Lk, H, D] (the layout Wan uses), scale 1/sqrt(D), returning
     * [B, Lq, H, D]. Queries are processed in chunks of {@code queryChunk} so the score matrix never exceeds
     * chunk x Lk per head: a 33k-token self-attention cannot materialise its full score matrix. The result lives
     * in q's manager; each chunk's temporaries are freed as soon as the chunk is done.
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, int queryChunk) {
        long lq = q.getShape().get(1);
        long d = q.getShape().get(3);
        float scale = (float) (1.0 / Math.sqrt(d));
        NDManager owner = q.getManager();
        // DJL frees arrays only when their manager closes: every temporary lives in a scratch manager, and each
        // chunk's scores in the chunk's own, so at most one chunk's scores exist at a time
        try (NDManager scratch = owner.newSubManager()) {
            scratch.tempAttachAll(q, k, v);
            NDArray kt = k.transpose(0, 2, 3, 1); // [B, H, D, Lk]
            NDArray vt = v.transpose(0, 2, 1, 3); // [B, H, Lk, D]
            NDList parts = new NDList();
            for (long start = 0; start < lq; start += queryChunk) {
                long end = Math.min(lq, start + queryChunk);
                try (NDManager chunk = scratch.newSubManager()) {
                    NDArray qc = q.get(":, {}:{}", start, end);
                    qc.attach(chunk);
                    NDArray probs = qc.transpose(0, 2, 1, 3).mul(scale).matMul(kt).softmax(-1); // [B, H, c, Lk]
                    NDArray part = probs.matMul(vt).transpose(0, 2, 1, 3); // [B, c, H, D]
                    part.attach(scratch);
                    parts.add(part);
                }
            }
            NDArray out = parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
            out.attach(owner);
            return out;
        }
    }
}
