package org.talkfx.cli.render;

import org.talkfx.inference.pipeline.GenerationListener;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** One progress line on the terminal (windows, steps, ETA) and the cancellation flag Ctrl-C sets. */
final class ConsoleProgress implements GenerationListener {
    private final PrintStream out;
    private final AtomicBoolean cancelled;
    private final long start = System.nanoTime();

    ConsoleProgress(PrintStream out, AtomicBoolean cancelled) {
        this.out = out;
        this.cancelled = cancelled;
    }

    @Override
    public void windowStarted(int w, int total) {
        out.printf("\rwindow %d/%d  starting...                              ", w + 1, total);
        out.flush();
    }

    @Override
    public void windowRestored(int w, int total) {
        out.printf("\rwindow %d/%d  from the render cache                     ", w + 1, total);
        out.flush();
    }

    @Override
    public void stepDone(int w, int total, int step, int steps) {
        double done = (w + (double) step / steps) / total;
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = done > 0 ? duration(elapsed / done - elapsed) : "?";
        out.printf("\rwindow %d/%d  step %d/%d  %3.0f%%  elapsed %s  ETA %s   ", w + 1, total, step, steps,
                100 * done, duration(elapsed), eta);
        out.flush();
    }

    @Override
    public void warn(String message) {
        out.println("\nnote: " + message);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    void finish(String what) {
        out.printf("\r%s in %s%s%n", what, duration((System.nanoTime() - start) / 1e9), " ".repeat(40));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
