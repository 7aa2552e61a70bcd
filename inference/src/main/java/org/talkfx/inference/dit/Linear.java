package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.Weights;

/**
 * A loaded {@code nn.Linear} (weight [out, in], bias [out]); results live in the input's manager. The matmul runs
 * and returns in the weights' precision (fp16 on the GPU), the way autocast runs the official model's linears in bf16
 * around an fp32 residual stream: an input in another dtype is cast first, and whoever needs the result wider
 * widens it (the residual additions do, by type promotion).
 *
 * <p>With 8-bit storage ({@code int8} set) the weight is int8 with one scale per output row; the kernels widen it to
 * the compute type for each use.
 */
record Linear(NDArray weight, NDArray bias, NDArray scale, BlockKernels int8) {
    Linear(NDArray weight, NDArray bias) {
        this(weight, bias, null, null);
    }

    static Linear load(NDManager m, Weights w, String prefix) {
        return load(m, w, prefix, DataType.FLOAT32);
    }

    static Linear load(NDManager m, Weights w, String prefix, DataType storage) {
        NDArray weight = narrow(w.get(m, prefix + ".weight"), storage);
        NDArray bias = w.contains(prefix + ".bias") ? narrow(w.get(m, prefix + ".bias"), storage) : null;
        return new Linear(weight, bias);
    }

    /** Quantised to 8 bits as it loads; the bias (zeros when the layer has none) stays in the compute type. */
    static Linear loadInt8(NDManager m, Weights w, String prefix, BlockKernels kernels) {
        NDArray wide = w.get(m, prefix + ".weight");
        NDArray scale = kernels.int8Scale(wide);
        NDArray bits = kernels.int8Quantize(wide, scale);
        long out = wide.getShape().get(0);
        wide.close();
        NDArray bias = w.contains(prefix + ".bias") ? narrow(w.get(m, prefix + ".bias"), kernels.compute())
                : m.zeros(new Shape(out), kernels.compute());
        return new Linear(bits, bias, scale, kernels);
    }

    private static NDArray narrow(NDArray a, DataType storage) {
        if (a.getDataType() == storage) {
            return a;
        }
        NDArray narrowed = a.toType(storage, false);
        a.close();
        return narrowed;
    }

    NDArray apply(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() <= 2) {
            return applyRows(x);
        }
        // as a [rows, in] matrix: one GEMM with the bias in its epilogue, whatever the leading dimensions
        NDArray y = applyRows(x.reshape(-1, s.get(s.dimension() - 1)));
        return y.reshape(s.slice(0, s.dimension() - 1).add(y.getShape().get(1)));
    }

    private NDArray applyRows(NDArray x) {
        if (int8 != null) {
            return int8.linearInt8(x, weight, scale, bias);
        }
        DataType precision = weight.getDataType();
        if (x.getDataType() == precision) {
            return Ops.linear(x, weight, bias);
        }
        NDArray xn = x.toType(precision, false);
        NDArray y = Ops.linear(xn, weight, bias);
        xn.close();
        return y;
    }
}
