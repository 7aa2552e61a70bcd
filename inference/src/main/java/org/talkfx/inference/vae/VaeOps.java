package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Tensor helpers specific to the Wan VAE's channel-first video layout [B, C, T, H, W]. */
final class VaeOps {
    private VaeOps() {
    }

    /**
     * The official RMS_norm: L2-normalise over channels (F.normalize, eps 1e-12), times sqrt(C), times gamma
     * ([C,1,1,1] for video, [C,1,1] for images, broadcasting over the trailing dims).
     */
    static NDArray rmsNorm(NDArray x, NDArray gamma) {
        long channels = x.getShape().get(1);
        return x.normalize(2, 1, 1e-12).mul((float) Math.sqrt(channels)).mul(gamma);
    }

    static long frames(NDArray x) {
        return x.getShape().get(2);
    }

    /** The last {@code n} frames (fewer if the chunk is shorter), as an owned copy. */
    static NDArray lastFrames(NDArray x, int n) {
        long t = frames(x);
        return x.get(":, :, {}:{}", Math.max(0, t - n), t).duplicate();
    }

    /** Concatenation along time, the result owned by {@code owner} (whatever manager the inputs live in). */
    static NDArray catTime(NDArray a, NDArray b, NDManager owner) {
        NDArray out = NDArrays.concat(new NDList(a, b), 2);
        out.attach(owner);
        return out;
    }

    static NDArray zerosFrames(NDArray like, long frames) {
        Shape s = like.getShape();
        return like.getManager().zeros(new Shape(s.get(0), s.get(1), frames, s.get(3), s.get(4)), like.getDataType());
    }

    static NDArray conv(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding) {
        long[] ones = new long[stride.dimension()];
        Arrays.fill(ones, 1);
        return x.getNDArrayInternal().convolution(x, weight, bias, stride, padding, new Shape(ones), 1).singletonOrThrow();
    }

    /** Applies a per-frame 2-D operation to [B, C, T, H, W] by folding time into the batch. */
    static NDArray perFrame(NDArray x, UnaryOperator<NDArray> op) {
        Shape s = x.getShape();
        long b = s.get(0);
        long t = s.get(2);
        NDArray images = x.transpose(0, 2, 1, 3, 4).reshape(b * t, s.get(1), s.get(3), s.get(4));
        NDArray y = op.apply(images);
        Shape o = y.getShape();
        return y.reshape(b, t, o.get(1), o.get(2), o.get(3)).transpose(0, 2, 1, 3, 4);
    }

    /**
     * Runs {@code layer} with its temporaries in a scope of their own: the input is consumed (freed with the scope),
     * only the output survives, in the input's manager. This bounds the peak memory of a chunk to about two layers'
     * activations instead of the whole network's.
     */
    static NDArray scoped(NDArray x, UnaryOperator<NDArray> layer) {
        NDManager parent = x.getManager();
        try (NDManager scope = parent.newSubManager()) {
            x.attach(scope);
            NDArray y = layer.apply(x);
            y.attach(parent);
            return y;
        }
    }
}
