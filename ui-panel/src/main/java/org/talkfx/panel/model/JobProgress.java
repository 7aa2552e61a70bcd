package org.talkfx.panel.model;

import org.talkfx.service.JobState;
import org.talkfx.service.JobStatus;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Turns job status snapshots into what the progress bars show: the window being generated, the sampler step in it,
 * overall fraction, and an ETA from the generation speed seen so far (windows found in the cache are left out of
 * the speed, or a resumed job would promise too much).
 */
public final class JobProgress {
    public record View(JobState state, int windows, int window, int step, int steps, double overall, Duration eta,
                       String text) {
    }

    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private double startFraction;

    public JobProgress(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public View update(JobStatus s) {
        long now = nanoClock.getAsLong();
        int windows = s.windows() == null ? 0 : s.windows();
        // The fraction including the current window's steps; the service's fraction counts whole windows.
        double overall = windows == 0 ? 0 : Math.min(1.0, (s.windowsDone()
                + (s.state() == JobState.RUNNING && s.steps() > 0 && s.windowsDone() <= s.window() ? (double) s.step() / s.steps() : 0)) / windows);
        if (s.state().terminal()) {
            overall = s.state() == JobState.DONE ? 1.0 : overall;
        }
        Duration eta = null;
        if (s.state() == JobState.RUNNING) {
            if (startNanos < 0) {
                startNanos = now;
                startFraction = overall;
            } else if (overall > startFraction) {
                double perFraction = (now - startNanos) / (overall - startFraction);
                eta = Duration.ofNanos((long) ((1.0 - overall) * perFraction));
            }
        }
        return new View(s.state(), windows, s.window(), s.step(), s.steps(), overall, eta, describe(s, windows, eta));
    }

    private static String describe(JobStatus s, int windows, Duration eta) {
        return switch (s.state()) {
            case QUEUED -> "queued";
            case RUNNING -> windows == 0 ? "planning…" : "window " + (Math.min(s.window(), windows - 1) + 1) + " of " + windows
                    + ", step " + s.step() + " of " + s.steps()
                    + (s.windowsCached() > 0 ? " (" + s.windowsCached() + " from cache)" : "")
                    + (eta == null ? "" : ", about " + format(eta) + " left");
            case DONE -> "done: " + windows + " windows" + (s.windowsCached() > 0 ? " (" + s.windowsCached() + " from cache)" : "");
            case FAILED -> "failed: " + s.error();
            case CANCELLED -> "cancelled after " + s.windowsDone() + " of " + windows + " windows";
        };
    }

    public static String format(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
