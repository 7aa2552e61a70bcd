package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.Weights;

/** A loaded {@code nn.Linear} (weight [out, in], bias [out]); results live in the input's manager. */
record Linear(NDArray weight, NDArray bias) {
    static Linear load(NDManager m, Weights w, String prefix) {
        return new Linear(w.get(m, prefix + ".weight"), w.contains(prefix + ".bias") ? w.get(m, prefix + ".bias") : null);
    }

    NDArray apply(NDArray x) {
        return Ops.linear(x, weight, bias);
    }
}
