package org.talkfx.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
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
     * chunk x Lk per head: a 33k-token self-attention cannot materialise its full score matrix.
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, int queryChunk) {
        long lq = q.getShape().get(1);
        long d = q.getShape().get(3);
        float scale = (float) (1.0 / Math.sqrt(d));
        NDArray kt = k.transpose(0, 2, 3, 1); // [B, H, D, Lk]
        NDArray vt = v.transpose(0, 2, 1, 3); // [B, H, Lk, D]
        NDList parts = new NDList();
        for (long start = 0; start < lq; start += queryChunk) {
            long end = Math.min(lq, start + queryChunk);
            // each chunk's scores are the size of the whole K: free them before the next chunk
            try (NDScope scope = new NDScope()) {
                NDArray qc = q.get(":, {}:{}", start, end).transpose(0, 2, 1, 3).mul(scale); // [B, H, c, D]
                NDArray probs = qc.matMul(kt).softmax(-1);
                NDArray out = probs.matMul(vt).transpose(0, 2, 1, 3); // [B, c, H, D]
                NDScope.unregister(out);
                parts.add(out);
            }
        }
        if (parts.size() == 1) {
            return parts.singletonOrThrow();
        }
        NDArray joined = NDArrays.concat(parts, 1);
        parts.close();
        return joined;
    }
}
