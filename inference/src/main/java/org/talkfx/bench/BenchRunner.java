package org.talkfx.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds benchmarks by ServiceLoader, runs those matching a prefix, and collects their figures. */
public final class BenchRunner {
    private BenchRunner() {
    }

    public static List<Benchmark> available() {
        List<Benchmark> all = new ArrayList<>();
        ServiceLoader.load(Benchmark.class).forEach(all::add);
        all.sort(Comparator.comparing(Benchmark::name));
        return all;
    }

    public static List<BenchResult> run(List<String> prefixes, boolean quick, PrintStream out) {
        BenchContext context = new BenchContext(quick, out);
        out.println("machine: " + MachineInfo.describe());
        for (Benchmark b : available()) {
            if (!prefixes.isEmpty() && prefixes.stream().noneMatch(p -> b.name().startsWith(p))) {
                continue;
            }
            out.println(b.name() + " - " + b.description());
            context.begin(b.name());
            try {
                b.run(context);
            } catch (Exception | LinkageError e) {
                out.println("  FAILED: " + e);
            }
        }
        return context.results();
    }
}
