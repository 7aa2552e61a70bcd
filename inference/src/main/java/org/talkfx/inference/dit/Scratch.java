package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.function.Supplier;

/**
 * Runs one stage of the forward in its own scratch manager, so its temporaries are freed when it returns instead of
 * when the whole forward ends (DJL frees native memory only when a manager closes). DJL puts an op's result in its
 * first operand's manager, so the stage's inputs are attached to the scratch manager for the duration and every
 * array derived from them lands there; the result is moved to {@code owner}.
 */
final class Scratch {
    private Scratch() {
    }

    static NDArray run(NDManager owner, Supplier<NDArray> stage, NDArray... inputs) {
        try (NDManager scratch = owner.newSubManager()) {
            for (NDArray in : inputs) {
                if (in != null) {
                    scratch.tempAttachAll(in);
                }
            }
            NDArray out = stage.get();
            out.attach(owner);
            return out;
        }
    }
}
