package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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

    /** A stage applied to tokens [start, end) of a [B, L, ...] array. */
    @FunctionalInterface
    interface RowStage {
        NDArray apply(NDArray rows, long start, long end);
    }

    /**
     * Applies {@code stage} to consecutive token ranges of {@code x} ([B, L, ...]), each in its own scratch manager,
     * sized so that about {@code budgetBytes} of temporaries ({@code bytesPerToken} each) exist at once; the outputs
     * are concatenated along the token axis in x's manager. Token-wise stages (FFN, RoPE) then need memory bounded
     * by the budget instead of by the window length.
     */
    static NDArray byTokens(NDArray x, long bytesPerToken, long budgetBytes, RowStage stage) {
        long len = x.getShape().get(1);
        long chunk = Math.max(1, Math.min(len, budgetBytes / Math.max(1, bytesPerToken)));
        NDManager owner = x.getManager();
        NDList parts = new NDList();
        for (long start = 0; start < len; start += chunk) {
            long end = Math.min(len, start + chunk);
            try (NDManager scratch = owner.newSubManager()) {
                NDArray rows;
                if (chunk == len) {
                    rows = x;
                    scratch.tempAttachAll(x);
                } else {
                    rows = x.get(":, {}:{}", start, end);
                    rows.attach(scratch);
                }
                NDArray out = stage.apply(rows, start, end);
                out.attach(owner);
                parts.add(out);
            }
        }
        if (parts.size() == 1) {
            return parts.singletonOrThrow();
        }
        NDArray out = NDArrays.concat(parts, 1);
        parts.forEach(NDArray::close);
        return out;
    }
}
