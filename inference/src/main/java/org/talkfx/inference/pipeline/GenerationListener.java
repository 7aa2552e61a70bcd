package org.talkfx.inference.pipeline;

/** Progress and cancellation for a generation run; every method has a no-op default. */
public interface GenerationListener {
    GenerationListener NONE = new GenerationListener() {
    };

    default void windowStarted(int window, int windows) {
    }

    /** Window {@code window} was taken from a {@link WindowStore} instead of being generated. */
    default void windowRestored(int window, int windows) {
    }

    default void stepDone(int window, int windows, int step, int steps) {
    }

    /** A note for the user (a fallback taken, an untrained setting used). */
    default void warn(String message) {
    }

    /** Checked before every model call; true stops the run with a {@link GenerationCancelledException}. */
    default boolean cancelled() {
        return Thread.currentThread().isInterrupted();
    }
}
