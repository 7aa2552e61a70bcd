package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;

/**
 * Receives intermediates of one forward under the fixture's names ({@code patch_embedding}, {@code block0_out},
 * {@code block0_x_ref_attn_map}, ...). The array belongs to the forward's scratch manager: copy what you keep.
 */
@FunctionalInterface
public interface DitTrace {
    void capture(String name, NDArray value);

    DitTrace NONE = (name, value) -> { };
}
