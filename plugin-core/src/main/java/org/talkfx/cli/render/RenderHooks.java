package org.talkfx.cli.render;

import ai.djl.Device;
import org.talkfx.inference.pipeline.GenerationListener;
import org.talkfx.inference.pipeline.WindowStore;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What a caller around {@link RenderJob} (batch export, farm task) adds to a plain render: a store of finished
 * windows (found by the model's identity, known once the model is loaded), a listener that sees the progress too,
 * and the device to load the model on.
 *
 * @param windowStores model identity -> the shot's window store; returns null for none
 * @param observer     extra progress listener (may also cancel), or null
 * @param device       null = the engine's default device
 */
public record RenderHooks(Function<String, WindowStore> windowStores, GenerationListener observer, Device device) {
    public static final RenderHooks NONE = new RenderHooks(null, null, null);

    WindowStore windowStore(String modelId) {
        return windowStores == null ? null : windowStores.apply(modelId);
    }

    /** The console progress, the observer, and a count of windows taken from the store. */
    static final class Observed implements GenerationListener {
        private final GenerationListener console;
        private final GenerationListener observer;
        private final AtomicInteger restored = new AtomicInteger();

        Observed(GenerationListener console, GenerationListener observer) {
            this.console = console;
            this.observer = observer == null ? GenerationListener.NONE : observer;
        }

        int restored() {
            return restored.get();
        }

        @Override
        public void windowStarted(int window, int windows) {
            console.windowStarted(window, windows);
            observer.windowStarted(window, windows);
        }

        @Override
        public void windowRestored(int window, int windows) {
            restored.incrementAndGet();
            console.windowRestored(window, windows);
            observer.windowRestored(window, windows);
        }

        @Override
        public void stepDone(int window, int windows, int step, int steps) {
            console.stepDone(window, windows, step, steps);
            observer.stepDone(window, windows, step, steps);
        }

        @Override
        public void warn(String message) {
            console.warn(message);
            observer.warn(message);
        }

        @Override
        public boolean cancelled() {
            return console.cancelled() || observer.cancelled();
        }
    }
}
