package org.talkfx.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.hardening.HardeningReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch killed with SIGKILL at random (seeded) moments, resumed each time, must end with outputs identical bit
 * for bit to those of an uninterrupted run of the same batch. CI kills once (the tiny model still needs about 5 s a
 * window on 2 cores); -Dtalkfx.batch.kills=N and -Dtalkfx.batch.seed=S run longer campaigns.
 */
class BatchCrashSafetyTest {
    @RegisterExtension
    static final HardeningReport REPORT = new HardeningReport("Batch crash safety (SIGKILL at random points, resume)");

    @TempDir
    Path tmp;

    @Test
    void randomKillsAndResumesGiveTheUninterruptedOutputsBitForBit() throws Exception {
        BatchFixture reference = fixture(tmp.resolve("reference"));
        long t0 = System.nanoTime();
        Process whole = start(reference, tmp.resolve("reference.log"));
        assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(whole.exitValue()).as(Files.readString(tmp.resolve("reference.log"))).isZero();
        long wholeMillis = (System.nanoTime() - t0) / 1_000_000;
        TreeMap<String, String> expected = outputs(reference.out);
        assertThat(expected).isNotEmpty();

        BatchFixture killed = fixture(tmp.resolve("killed"));
        long seed = Long.getLong("talkfx.batch.seed", 20261125L);
        int kills = Integer.getInteger("talkfx.batch.kills", 1);
        Random rng = new Random(seed);
        List<String> killLog = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            // anywhere from JVM start-up to the end of a whole run: model loading, mid-window, mid-encode, between shots
            long at = 500 + (long) (rng.nextDouble() * wholeMillis * 0.9);
            Process p = start(killed, tmp.resolve("killed-" + k + ".log"));
            if (p.waitFor(at, TimeUnit.MILLISECONDS)) {
                killLog.add("run " + k + " ended by itself before " + at + " ms");
            } else {
                p.destroyForcibly(); // SIGKILL
                p.waitFor(10, TimeUnit.SECONDS);
                killLog.add("SIGKILL at " + at + " ms");
            }
        }
        Process last = start(killed, tmp.resolve("resume.log"));
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(tmp.resolve("resume.log"));
        TreeMap<String, String> got = outputs(killed.out);
        boolean identical = last.exitValue() == 0 && got.equals(expected);
        REPORT.record("batch, seed " + seed + ", " + kills + " kills", identical, String.join(", ", killLog) + "; resumed: "
                + got.size() + " output files " + (got.equals(expected) ? "bit-identical" : "DIFFER") + " to the uninterrupted run ("
                + wholeMillis + " ms)");
        assertThat(last.exitValue()).as(log).isZero();
        assertThat(got).as("output files (sha256) after kills %s", killLog).isEqualTo(expected);
    }

    private static BatchFixture fixture(Path dir) throws IOException {
        BatchFixture fx = new BatchFixture(dir);
        fx.voice("a.wav", 0.5, 140);
        fx.shot("sh010", "de", "media:face.png", "media:a.wav"); // 12 frames: two windows, a .mov
        if (Integer.getInteger("talkfx.batch.kills", 1) > 1) {
            fx.voice("b.wav", 0.3, 200);
            fx.shot("sh020", "de", "media:face.png", "media:b.wav").put("output", "out:{shot}_{lang}_png");
        }
        fx.write();
        return fx;
    }

    private static Process start(BatchFixture fx, Path log) throws IOException {
        return new ProcessBuilder(fx.javaTalkfx("batch", fx.dir.resolve("project/film_de.json").toString(), "--cache-dir",
                fx.cache.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Media outputs by relative path -> sha256; sidecars are left out (they hold this run's paths and timings). */
    private static TreeMap<String, String> outputs(Path dir) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(f).toString();
                if (!name.endsWith(".json")) {
                    out.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                }
            }
        }
        return out;
    }
}
