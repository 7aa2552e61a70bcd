package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;

/**
 * Marks the end of a stage of the forward with the array it produced. The profiling clock waits for the device at
 * each mark so that the time between marks is the stage's own; {@link #NONE} costs nothing.
 */
@FunctionalInterface
interface StageClock {
    void lap(String stage, NDArray produced);

    /** The forward begins (its inputs are ready): the first stage is timed from here. */
    default void start() {
    }

    StageClock NONE = (stage, produced) -> { };
}
