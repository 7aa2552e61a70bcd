package org.talkfx.ofx.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.talkfx.cache.RenderCache;
import org.talkfx.service.ServiceClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults injected into the plugin as an editor would meet them, through the C test host: every action of the
 * effect failing in turn (the sample effect throws on demand through TALKFX_SAMPLE_FAULT, or runs out of memory),
 * corrupt jars in the bundle, and the TalkFX effect's Generate cancelled or losing its render service mid-job. In
 * every case the host process lives on, the failing action returns an error
 * status, and the host's message suite says what happened.
 */
class HostFaultInjectionTest {
    @RegisterExtension
    static final HardeningReport REPORT = new HardeningReport("OFX host fault injection (C test host, one process each)");
    private static final Path BUNDLE = Path.of(System.getProperty("talkfx.bundle", "target/TalkFX.ofx.bundle"));
    private static final Path HOST = Path.of(System.getProperty("talkfx.testHost", "target/ofx-test-host"));

    private record Run(int exitCode, String output) {
        boolean hostAlive() {
            // a crash (signal, abort in the JVM) never reaches the host's last line
            return exitCode < 128 && output.contains("RESULT ");
        }

        String messages() {
            return output.lines().filter(l -> l.startsWith("HOST MESSAGE")).findFirst().orElse("(no message)");
        }
    }

    private static Run run(Consumer<Map<String, String>> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOST.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TALKFX_JAVA_HOME", System.getProperty("java.home"));
        env.accept(builder.environment());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("test host did not finish: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"createInstance", "clipPreferences", "regionOfDefinition", "regionsOfInterest", "isIdentity",
            "beginSequenceRender", "render", "endSequenceRender", "beginInstanceChanged", "instanceChanged",
            "endInstanceChanged", "purgeCaches", "destroy", "createInstance:oom", "render:oom"})
    void anActionThatFailsLeavesTheHostRunning(String fault) throws Exception {
        Run run = run(env -> env.put("TALKFX_SAMPLE_FAULT", fault), "faults", BUNDLE.toString(), fault);
        boolean passed = run.output().contains("RESULT PASS") && run.exitCode() == 0;
        REPORT.record("action throws: " + fault, passed && run.hostAlive(),
                (run.hostAlive() ? "host alive" : "HOST DIED (exit " + run.exitCode() + ")") + "; "
                        + abbreviate(run.messages().replace("HOST MESSAGE OfxMessageError: TalkFX org.talkfx.ofx.sample.GainInvert ", "")));
        assertThat(run.output()).as("test host output").contains("HOST ALIVE after a fault in " + fault)
                .doesNotContain("CHECK FAILED").contains("RESULT PASS");
        assertThat(run.exitCode()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "talkfx-plugin-core-0.1.0-SNAPSHOT.jar, truncate, ClassNotFoundException: org.talkfx.ofx.OfxEntry",
            "talkfx-plugin-core-0.1.0-SNAPSHOT.jar, garbage, ClassNotFoundException: org.talkfx.ofx.OfxEntry",
            "jna-5.19.1.jar, truncate, NoClassDefFoundError: com/sun/jna/"})
    void corruptJarsAreReportedNotFatal(String jar, String damage, String expected, @TempDir Path dir) throws Exception {
        Path copy = dir.resolve("TalkFX.ofx.bundle");
        Path victim = copyBundle(copy, jar);
        if (damage.equals("truncate")) {
            byte[] whole = Files.readAllBytes(victim);
            Files.write(victim, java.util.Arrays.copyOf(whole, whole.length / 2));
        } else {
            Files.write(victim, "this is not a zip file".repeat(100).getBytes(StandardCharsets.US_ASCII));
        }
        Run run = run(env -> { }, "missing", copy.toString(), expected);
        REPORT.record("corrupt jar: " + damage + " " + jar, run.hostAlive() && run.output().contains("RESULT PASS"),
                (run.hostAlive() ? "host alive" : "HOST DIED (exit " + run.exitCode() + ")") + "; "
                        + abbreviate(run.messages().replace("HOST MESSAGE OfxMessageError: ", "")));
        assertThat(run.output()).as("test host output").contains("RESULT PASS", "CHECK ok: CreateInstance fails with kOfxStatFailed",
                "CHECK ok: Render fails too, without a crash", expected);
        assertThat(run.exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancel", "kill"})
    void generateSurvivesCancelAndAServiceKilledMidJob(String fault, @TempDir Path work) throws Exception {
        TalkFxMedia.write(work);
        Path state = work.resolve("state");
        Path cache = work.resolve("cache");
        Run run;
        try {
            run = run(env -> {
                env.put("TALKFX_STATE_DIR", state.toString());
                env.put("TALKFX_CACHE_DIR", cache.toString());
                env.put("TALKFX_MEDIA_ROOTS", work.toString());
                env.put("TALKFX_GPU_LOCK", work.resolve("gpu.lock").toString());
            }, "talkfx-faults", BUNDLE.toString(), work.toString(), fault);
        } finally {
            ServiceClient.discover(state).ifPresent(c -> {
                try {
                    c.shutdown();
                } catch (Exception ignored) {
                    // already gone
                }
            });
        }
        String scan = scanCache(cache);
        String generate = run.output().lines().filter(l -> l.startsWith("GENERATE")).findFirst().orElse("(no Generate)");
        String told = run.output().lines().takeWhile(l -> !l.startsWith("GENERATE")).filter(l -> l.startsWith("HOST MESSAGE"))
                .reduce((a, b) -> b).orElse("(no message)").replace("HOST MESSAGE ", "");
        boolean ok = run.hostAlive() && run.output().contains("RESULT PASS") && scan.startsWith("consistent");
        REPORT.record("Generate: " + (fault.equals("kill") ? "service SIGKILLed mid-job" : "cancel mid-job"), ok,
                (run.hostAlive() ? "host alive" : "HOST DIED") + "; " + generate.replace("GENERATE ", "") + "; told: "
                        + abbreviate(told) + "; cache " + scan);
        assertThat(run.output()).as("test host output").contains("HOST ALIVE after " + fault).contains("RESULT PASS");
        if (fault.equals("kill")) {
            assertThat(run.output()).contains("KILL service pid").doesNotContain("FAILED");
        }
        assertThat(scan).startsWith("consistent");
    }

    /** Every cache entry reads back verified; writes left in tmp/ are counted before opening (which cleans them). */
    private static String scanCache(Path root) throws IOException {
        long leftovers = 0;
        if (Files.isDirectory(root.resolve("tmp"))) {
            try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
                leftovers = s.filter(p -> !p.getFileName().toString().endsWith(".lock")).count();
            }
        }
        RenderCache cache = new RenderCache(root, 1L << 30);
        List<RenderCache.EntryInfo> entries = cache.entries();
        long sound = entries.stream().filter(e -> cache.get(e.key()).isPresent()).count();
        return (sound == entries.size() ? "consistent: " : "INCONSISTENT: ") + sound + "/" + entries.size()
                + " entries verified, " + leftovers + " abandoned writes in tmp/";
    }

    /** Links every file of the bundle except {@code damaged}, which is copied so that it can be broken. */
    private static Path copyBundle(Path to, String damaged) throws IOException {
        Path victim = null;
        try (Stream<Path> files = Files.walk(BUNDLE)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(BUNDLE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (file.getFileName().toString().equals(damaged)) {
                    Files.copy(file, target);
                    victim = target;
                } else if (file.getFileName().toString().endsWith(".jar")) {
                    Files.createSymbolicLink(target, file.toAbsolutePath());
                } else {
                    Files.copy(file, target);
                }
            }
        }
        assertThat(victim).as("%s in the bundle", damaged).isNotNull();
        return victim;
    }

    private static String abbreviate(String s) {
        return s.length() > 170 ? s.substring(0, 170) + "..." : s;
    }
}
