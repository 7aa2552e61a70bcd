package org.talkfx.bench;

/**
 * One benchmark of {@code talkfx bench}. Implementations have a public no-argument constructor and are listed in
 * {@code META-INF/services/org.talkfx.bench.Benchmark} of the module that owns the code they measure. Speed is
 * printed, never asserted.
 */
public interface Benchmark {
    /** Dotted name used for selection, e.g. {@code media.decode.832x480}. */
    String name();

    /** One line on what is measured. */
    String description();

    void run(BenchContext context) throws Exception;
}
