package org.talkfx.ofx.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.service.ServiceClient;

/**
 * Runs the C test host (src/test/c/ofx_test_host.c) against the built TalkFX.ofx.bundle, one scenario per
 * process, as an editor would load the plugin. The host checks statuses, pixels and messages itself and prints
 * "CHECK ok|FAILED" lines; this test asserts the exit code and the key lines, and shows the whole output on failure.
 */
class OfxTestHostTest {
    private static final Path BUNDLE = Path.of(System.getProperty("talkfx.bundle", "target/TalkFX.ofx.bundle"));
    private static final Path HOST = Path.of(System.getProperty("talkfx.testHost", "target/ofx-test-host"));
    private static final String JAVA_HOME = System.getProperty("java.home");

    private record Run(int exitCode, String output) {
    }

    private static Run run(Consumer<Map<String, String>> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOST.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TALKFX_JAVA_HOME", JAVA_HOME);
        env.accept(builder.environment());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("test host did not finish: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        return run(env -> { }, args);
    }

    private static void assertPassed(Run run, String... expectedLines) {
        assertThat(run.output()).as("test host output").contains("RESULT PASS").doesNotContain("CHECK FAILED");
        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
        for (String line : expectedLines) {
            assertThat(run.output()).as("test host output").contains(line);
        }
    }

    @Test
    void editorSessionRendersEveryFormatAndHandlesParamsButtonsAndAbort(@TempDir Path work) throws Exception {
        Run run = run("full", BUNDLE.toString(), work.toString());
        assertPassed(run,
                "CHECK ok: no JVM after Load and Describe (lazy start)",
                "CHECK ok: still no JVM after describing",
                "CHECK ok: one JVM now: 1",
                "CHECK ok: Render RGBA OfxBitDepthByte 64x48 bottom-up frame 2 gain 0.50 invert",
                "CHECK ok: Render RGBA OfxBitDepthFloat 64x48 top-down frame 0 gain 0.50 invert",
                "CHECK ok: Render RGBA OfxBitDepthShort 300x200 top-down frame 0",
                "CHECK ok: Render RGBA OfxBitDepthHalf 64x48 bottom-up frame 1",
                "CHECK ok: Render RGB OfxBitDepthByte 64x48 bottom-up frame 1",
                "CHECK ok: Render RGBA OfxBitDepthByte 300x200 bottom-up frame 2 gain 1.00 normal",
                "CHECK ok: rendering used the host's multithread suite",
                "CHECK ok: 4 host threads rendering the same instance at once",
                "CHECK ok: abort raised mid-render",
                "CHECK ok: every image released (0 outstanding)",
                "CHECK ok: InstanceChanged(writeReport) wrote",
                "CHECK ok: InstanceChanged without a report file: status 1 and an error message",
                "CHECK ok: InstanceChanged(reset) set gain 1, mode 0, reportFile '' inside one param edit",
                "CHECK ok: the JVM outlives Unload and dlclose",
                "CHECK ok: CreateInstance after reloading",
                "CHECK ok: still one JVM after reloading");
        assertThat(Files.readString(work.resolve("report.txt"))).contains("gain=0.5\n", "mode=Invert\n", "timelineTime=42.0\n");
    }

    @Test
    void anOlderHostWithVersionOneSuitesOnlyGetsMessagesAndProgressToo(@TempDir Path work) throws Exception {
        Run run = run(env -> env.put("OFX_TEST_HOST_V1_ONLY", "1"), "full", BUNDLE.toString(), work.toString());
        assertPassed(run, "CHECK ok: progress suite: start, updates, end", "CHECK ok: message suite: report message",
                "CHECK ok: InstanceChanged without a report file: status 1 and an error message");
    }

    @Test
    void exceptionInJavaRenderBecomesFailedStatusAndHostMessage() throws Exception {
        Run run = run("throw", BUNDLE.toString());
        assertPassed(run,
                "CHECK ok: Render that throws in Java -> kOfxStatFailed",
                "HOST MESSAGE OfxMessageError: TalkFX org.talkfx.ofx.sample.GainInvert OfxImageEffectActionRender failed: "
                        + "IllegalArgumentException: gain must be a finite number >= 0, got -1.0",
                "CHECK ok: the next render works again");
    }

    @Test
    void loadUnloadLoadKeepsOneJvm() throws Exception {
        assertPassed(run("reload", BUNDLE.toString()),
                "CHECK ok: round 2: one JVM in the process (1)",
                "CHECK ok: round 3: one JVM in the process (1)");
    }

    @Test
    void aHostThatReplacesTheJvmSigsegvHandlerIsToldToPreloadLibjsig() throws Exception {
        assertPassed(run("signals", BUNDLE.toString()),
                "CHECK ok: Render after the host replaced the SIGSEGV handler: status 1",
                "CHECK ok: Render works again with HotSpot's handler restored");
    }

    @Test
    void withLibjsigPreloadedTheHostMayInstallItsHandlerLate() throws Exception {
        Path libjsig = Path.of(JAVA_HOME, "lib", "server", "libjsig.so");
        assertPassed(run(env -> env.put("LD_PRELOAD", libjsig.toString()), "signals", BUNDLE.toString()),
                "CHECK ok: with libjsig.so preloaded, Render still works: status 0");
    }

    @Test
    void missingRuntimeStillDescribesAndExplainsWhereItLooked(@TempDir Path nowhere) throws Exception {
        Run run = run(env -> {
            env.put("TALKFX_JAVA_HOME", nowhere.resolve("no-jdk").toString());
            env.remove("JAVA_HOME");
        }, "missing", BUNDLE.toString(), "no Java runtime found");
        assertPassed(run,
                "CHECK ok: Describe",
                "CHECK ok: DescribeInContext OfxImageEffectContextFilter",
                "CHECK ok: CreateInstance fails with kOfxStatFailed",
                nowhere.resolve("no-jdk").resolve("lib/server/libjvm.so").toString(),
                "JAVA_HOME (not set)");
    }

    @Test
    void missingJarsExplainWhereTheyWereExpected(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("TalkFX.ofx.bundle");
        copyTree(BUNDLE, copy, file -> !file.getFileName().toString().endsWith(".jar"));
        Run run = run("missing", copy.toString(), "no TalkFX jars");
        assertPassed(run, "CHECK ok: CreateInstance fails with kOfxStatFailed",
                "no TalkFX jars (*.jar) in " + copy.toRealPath().resolve("Contents/Resources"));
    }

    @Test
    void aJvmThatCannotStartLeavesTheHostRunning(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("TalkFX.ofx.bundle");
        copyTree(BUNDLE, copy, file -> true);
        // a heap no machine can reserve: HotSpot gives up inside JNI_CreateJavaVM and would exit the process
        Files.writeString(copy.resolve("Contents/Resources/talkfx-jvm.cfg"), "-Xmx999999g\n");
        Run run = run("missing", copy.toString(), "the JVM aborted while starting");
        assertPassed(run, "Could not reserve enough space", "CHECK ok: Render fails too, without a crash");
    }

    @Test
    void talkFxEffectGeneratesThroughTheServiceAndRendersFromTheCache(@TempDir Path work) throws Exception {
        TalkFxMedia.write(work);
        Path state = work.resolve("state");
        try {
            Run run = run(env -> {
                env.put("TALKFX_STATE_DIR", state.toString());
                env.put("TALKFX_CACHE_DIR", work.resolve("cache").toString());
                env.put("TALKFX_MEDIA_ROOTS", work.toString());
                env.put("TALKFX_GPU_LOCK", work.resolve("gpu.lock").toString());
            }, "talkfx", BUNDLE.toString(), work.toString());
            assertPassed(run,
                    "CHECK ok: render thread safety Unsafe",
                    "CHECK ok: general context has an optional Mask clip, filter has none",
                    "CHECK ok: every parameter has a label and a hint",
                    "CHECK ok: Render before Generate: source unchanged",
                    "CHECK ok: Generate: the render service generated the shot",
                    "CHECK ok: Render after Generate: the generated frame from the cache",
                    "CHECK ok: the same frame again: identical pixels from the cache",
                    "CHECK ok: mask clip: every pixel outside the feathered mask equals the source",
                    "CHECK ok: reopened: the same shot setup document");
        } finally {
            // the effect started the service on demand; stop it with the test
            Optional<ServiceClient> service = ServiceClient.discover(state);
            if (service.isPresent()) {
                service.get().shutdown();
            }
        }
    }

    private interface Keep {
        boolean test(Path file);
    }

    /** Copies the bundle; jars are linked, not copied (they are large), unless left out. */
    private static void copyTree(Path from, Path to, Keep keep) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (keep.test(file) && file.getFileName().toString().endsWith(".jar")) {
                    Files.createSymbolicLink(target, file.toAbsolutePath());
                } else if (keep.test(file)) {
                    Files.copy(file, target);
                }
            }
        }
    }
}
