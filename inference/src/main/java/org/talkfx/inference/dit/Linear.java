package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.Weights;

/**
 * A loaded {@code nn.Linear} (weight [out, in], bias [out]); results live in the input's manager and keep the
 * input's dtype. Weights may be stored narrower than the activations (fp16 on the GPU): the matmul then runs in the
 * weights' precision, the way autocast runs the official model's linears in bf16 around an fp32 residual stream.
 */
record Linear(NDArray weight, NDArray bias) {
    static Linear load(NDManager m, Weights w, String prefix) {
        return load(m, w, prefix, DataType.FLOAT32);
    }

    static Linear load(NDManager m, Weights w, String prefix, DataType storage) {
        NDArray weight = narrow(w.get(m, prefix + ".weight"), storage);
        NDArray bias = w.contains(prefix + ".bias") ? narrow(w.get(m, prefix + ".bias"), storage) : null;
        return new Linear(weight, bias);
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
        DataType precision = weight.getDataType();
        if (x.getDataType() == precision) {
            return Ops.linear(x, weight, bias);
        }
        NDArray xn = x.toType(precision, false);
        NDArray y = Ops.linear(xn, weight, bias);
        NDArray widened = y.toType(x.getDataType(), false);
        xn.close();
        y.close();
        return widened;
    }
}
