package org.talkfx.hardening.fuzz;

import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one target: the checked-in seeds first (a regression run), then seeded mutations until the time or input
 * budget is spent. Inputs the parser accepted join the corpus, so valid structure survives many generations.
 * Findings are anything but a BadInputException, any Error (OOM, stack overflow), an input that allocates far more
 * than its size before being refused, and an input that takes longer than {@link #SLOW_MILLIS}.
 */
final class FuzzCampaign {
    static final long ALLOCATION_LIMIT = 64L << 20;
    static final long SLOW_MILLIS = 5_000;
    private static final int MAX_CORPUS = 256;

    record Finding(String signature, String message, Path input) {
    }

    record Result(String target, long tried, long accepted, long refused, Map<String, Finding> findings,
                  long maxAllocatedBytes, long seconds) {
        String line() {
            return String.format("%-12s %8d inputs  %7d accepted  %7d refused  %d findings  max %.1f MB allocated/input",
                    target, tried, accepted, refused, findings.size(), maxAllocatedBytes / 1048576.0)
                    + (findings.isEmpty() ? "" : "  " + findings.keySet());
        }
    }

    private final FuzzTarget target;
    private final long seed;
    private final Path findingsDir;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    FuzzCampaign(FuzzTarget target, long seed, Path findingsDir) {
        this.target = target;
        this.seed = seed;
        this.findingsDir = findingsDir.resolve(target.name());
    }

    Result run(double seconds, long maxInputs, Path scratch) throws IOException {
        List<byte[]> corpus = new ArrayList<>(seeds(target.name()));
        if (corpus.isEmpty()) {
            throw new IllegalStateException("no seeds for " + target.name());
        }
        Mutator mutator = new Mutator(seed);
        Map<String, Finding> findings = new LinkedHashMap<>();
        long tried = 0;
        long accepted = 0;
        long refused = 0;
        long maxAlloc = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int seedCount = corpus.size();
        while (tried < seedCount || (System.nanoTime() < deadline && tried < maxInputs)) {
            byte[] input = tried < seedCount ? corpus.get((int) tried)
                    : target.mutate(mutator, corpus.get(mutator.rng().nextInt(corpus.size())), corpus);
            tried++;
            long tid = Thread.currentThread().getId();
            long allocBefore = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            Throwable thrown = null;
            try {
                target.run(input, scratch);
            } catch (Throwable t) {
                thrown = t;
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long allocated = threads.getThreadAllocatedBytes(tid) - allocBefore;
            maxAlloc = Math.max(maxAlloc, allocated);
            if (thrown == null) {
                accepted++;
                if (corpus.size() < MAX_CORPUS) {
                    corpus.add(input);
                } else {
                    corpus.set(seedCount + mutator.rng().nextInt(MAX_CORPUS - seedCount), input);
                }
            } else if (thrown instanceof BadInputException) {
                refused++;
            } else {
                record(findings, signature(thrown), thrown.toString(), input);
            }
            if (allocated > ALLOCATION_LIMIT + 64L * input.length) {
                record(findings, "allocation:" + allocated / 1048576 + "MB", "allocated " + allocated
                        + " bytes for a " + input.length + "-byte input", input);
            }
            if (millis > SLOW_MILLIS) {
                record(findings, "slow:" + millis + "ms", "took " + millis + " ms", input);
            }
        }
        return new Result(target.name(), tried, accepted, refused, findings, maxAlloc,
                (System.nanoTime() - start) / 1_000_000_000);
    }

    private void record(Map<String, Finding> findings, String signature, String message, byte[] input) throws IOException {
        if (findings.containsKey(signature)) {
            return;
        }
        Files.createDirectories(findingsDir);
        String name = HexFormat.of().formatHex(sha1(input)).substring(0, 16);
        Path saved = Files.write(findingsDir.resolve(name + ".bin"), input);
        findings.put(signature, new Finding(signature, message, saved));
    }

    private static byte[] sha1(byte[] input) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(input);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exception class and the first frame inside TalkFX code: one finding per distinct bug, not per input. */
    static String signature(Throwable t) {
        String where = "";
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.talkfx") && !e.getClassName().startsWith("org.talkfx.hardening")) {
                where = "@" + e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName()
                        + ":" + e.getLineNumber();
                break;
            }
        }
        return t.getClass().getSimpleName() + where;
    }

    /** The seeds are shared with Jazzer: its inputs directory per @FuzzTest method (shot-setup -> shotSetup). */
    private static String jazzerMethod(String target) {
        StringBuilder b = new StringBuilder();
        for (String part : target.split("-")) {
            b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }

    static List<byte[]> seeds(String target) throws IOException {
        URL url = FuzzCampaign.class.getResource(JazzerTargetsTest.class.getSimpleName() + "Inputs/" + jazzerMethod(target));
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : files.sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
            return out;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
