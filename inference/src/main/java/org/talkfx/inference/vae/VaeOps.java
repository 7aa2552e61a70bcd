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
     * ([C,1,1,1] for video, [C,1,1] for images, broadcasting over the trailing dims). Scaling happens in place on the
     * normalised copy: at 832x480 one activation of a 4-frame chunk is 600 MB.
     */
    static NDArray rmsNorm(NDArray x, NDArray gamma) {
        long channels = x.getShape().get(1);
        NDArray y = x.normalize(2, 1, 1e-12);
        y.muli((float) Math.sqrt(channels));
        y.muli(gamma);
        return y;
    }

    /** rmsNorm followed by SiLU, with a single full-size temporary. */
    static NDArray rmsNormSilu(NDArray x, NDArray gamma) {
        NDArray y = rmsNorm(x, gamma);
        NDArray gate = y.getNDArrayInternal().sigmoid();
        y.muli(gate);
        gate.close();
        return y;
    }

    /**
     * Like {@link #scoped} but the input is only borrowed: it goes back to its manager afterwards, for layers whose
     * input is still needed (the residual path).
     */
    static NDArray borrowed(NDArray x, UnaryOperator<NDArray> layer) {
        NDManager parent = x.getManager();
        try (NDManager scope = parent.newSubManager()) {
            scope.tempAttachAll(x);
            NDArray y = layer.apply(x);
            y.attach(parent);
            return y;
        }
    }

    static long frames(NDArray x) {
        return x.getShape().get(2);
    }

    /**
     * A copy of the last {@code n} frames (fewer if the chunk is shorter), owned by {@code owner}. The slice view is
     * closed at once: left open, it would keep the whole source tensor's storage alive (a replaced cache entry, for
     * the rest of the call).
     */
    static NDArray lastFrames(NDArray x, int n, NDManager owner) {
        long t = frames(x);
        try (NDArray view = x.get(":, :, {}:{}", Math.max(0, t - n), t)) {
            NDArray copy = view.duplicate();
            copy.attach(owner);
            return copy;
        }
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
