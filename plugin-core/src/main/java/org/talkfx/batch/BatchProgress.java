package org.talkfx.batch;

import org.talkfx.inference.pipeline.GenerationListener;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batch progress on the terminal: one line per event worth telling (a shot starting, each window, a step at most
 * every two seconds per shot, a shot ending), each with the shot's and the whole batch's share done. Lines, not a
 * redrawn bar, because several shots run at once on several GPUs and the output may go to a log.
 */
final class BatchProgress {
    private final PrintStream out;
    private final AtomicBoolean cancelled;
    private final int total;
    private final long start = System.nanoTime();
    private final Map<String, Double> fraction = new ConcurrentHashMap<>();

    BatchProgress(PrintStream out, AtomicBoolean cancelled, int total) {
        this.out = out;
        this.cancelled = cancelled;
        this.total = Math.max(1, total);
    }

    /** A listener for one shot; also the way a Ctrl-C reaches the shot's sampler. */
    GenerationListener shot(String id, String where) {
        fraction.put(id, 0.0);
        say(id, "started on " + where);
        return new GenerationListener() {
            private long lastLine;

            @Override
            public void windowStarted(int window, int windows) {
                fraction.put(id, (double) window / windows);
                say(id, "window " + (window + 1) + "/" + windows);
            }

            @Override
            public void windowRestored(int window, int windows) {
                fraction.put(id, (window + 1.0) / windows);
                say(id, "window " + (window + 1) + "/" + windows + " from the cache");
            }

            @Override
            public void stepDone(int window, int windows, int step, int steps) {
                fraction.put(id, (window + (double) step / steps) / windows);
                long now = System.nanoTime();
                if (now - lastLine > 2_000_000_000L || step == steps) {
                    lastLine = now;
                    say(id, "window " + (window + 1) + "/" + windows + " step " + step + "/" + steps);
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
    }

    void finished(String id, String status, String detail) {
        fraction.put(id, 1.0);
        say(id, status + (detail == null ? "" : ": " + detail));
    }

    /** Shots that need no work (skipped, failed before starting) count as done for the overall share. */
    void settled(String id) {
        fraction.put(id, 1.0);
    }

    private synchronized void say(String id, String what) {
        double shot = fraction.getOrDefault(id, 0.0);
        double all = fraction.values().stream().mapToDouble(Double::doubleValue).sum() / total;
        out.printf(Locale.ROOT, "[batch %3.0f%% %s] %-20s %3.0f%%  %s%n", 100 * all,
                duration((System.nanoTime() - start) / 1e9), id, 100 * shot, what);
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
