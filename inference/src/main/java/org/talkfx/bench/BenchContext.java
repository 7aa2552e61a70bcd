package org.talkfx.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What a benchmark gets: how hard to try, and where to report figures. */
public final class BenchContext {
    private final boolean quick;
    private final PrintStream out;
    private final List<BenchResult> results = new ArrayList<>();
    private String current = "";

    public BenchContext(boolean quick, PrintStream out) {
        this.quick = quick;
        this.out = out;
    }

    /** Quick mode: fewer iterations and smaller sizes, for a smoke run. */
    public boolean quick() {
        return quick;
    }

    public int iterations(int full) {
        return quick ? Math.max(1, full / 10) : full;
    }

    void begin(String benchmark) {
        current = benchmark;
    }

    public void report(String metric, double value, String unit, String note) {
        BenchResult r = new BenchResult(current, metric, value, unit, note == null ? "" : note);
        results.add(r);
        out.printf("  %-44s %14.3f %-10s %s%n", metric, value, unit, r.note());
    }

    public void report(String metric, double value, String unit) {
        report(metric, value, unit, "");
    }

    public List<BenchResult> results() {
        return List.copyOf(results);
    }

    /** Runs {@code body} {@code warmup + runs} times and returns the median seconds of the timed runs. */
    public static double medianSeconds(int warmup, int runs, ThrowingRunnable body) throws Exception {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(t);
        return t[runs / 2];
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
