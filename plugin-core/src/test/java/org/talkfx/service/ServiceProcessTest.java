package org.talkfx.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cache.CacheKey;
import org.talkfx.cache.EntryWriter;
import org.talkfx.cache.Hashing;
import org.talkfx.cache.RenderCache;
import org.talkfx.shot.ShotSetup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code talkfx serve} as a real separate process: started on demand, killed mid-job, restarted. */
class ServiceProcessTest {
    @TempDir
    Path tmp;

    final List<Long> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    List<String> serveCommand(ServiceFixture fx) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dtalkfx.testPattern.stepMillis=80",
                "-cp", System.getProperty("java.class.path"), "org.talkfx.cli.TalkFx", "serve",
                "--state-dir", fx.state.toString(), "--media-root", fx.media.toString(), "--cache-dir", fx.cache.toString(),
                "--gpu-lock", fx.gpuLock.toString(), "--executor", "test-pattern");
    }

    long servicePid(ServiceFixture fx) {
        long pid = new ServiceFiles(fx.state).readInfo().orElseThrow().pid();
        started.add(pid);
        return pid;
    }

    static List<CacheKey> keys(ServiceFixture fx, ShotSetup setup, int windows) throws Exception {
        List<CacheKey> keys = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            keys.add(CacheKey.of("test-pattern/1", Hashing.sha256(fx.shotDir().resolve("face.ppm")),
                    List.of(Hashing.sha256(fx.shotDir().resolve("long.wav"))), setup.generationSettings(), w));
        }
        return keys;
    }

    @Test
    @SuppressWarnings("try")
    void aKilledServiceIsReportedAndARestartResumesAtTheNextUncachedWindow() throws Exception {
        ServiceFixture fx = new ServiceFixture(tmp);
        assertThat(ServiceClient.discover(fx.state)).isEmpty();
        ServiceClient client = ServiceClient.connectOrStart(fx.state, serveCommand(fx), Duration.ofSeconds(60));
        long pid = servicePid(fx);
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());

        // 1.6 s of audio at 25 fps: 40 frames, 10 windows of 3 steps.
        ShotSetup setup = ServiceFixture.setup("long.wav", 5, 3);
        String id = client.submit(setup, fx.shotDir(), 0).id();
        JobStatus[] lastSeen = new JobStatus[1];
        assertThatThrownBy(() -> client.follow(id, e -> {
            if (e.type().equals("window") && e.window() == 2) {
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            }
        })).isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
            lastSeen[0] = e.lastStatus();
            assertThat(e.getMessage()).isEqualTo("the render service stopped while job " + id + " was running after "
                    + e.lastStatus().windowsDone() + " of 10 windows; finished windows are in the cache and a restarted"
                    + " service resumes the job");
        });
        // Killed while generating window 3 (on a slow machine the next one may have landed before the kill did).
        int done = lastSeen[0].windowsDone();
        assertThat(done).isBetween(3, 4);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertThatThrownBy(() -> client.follow(id, e -> { })).hasMessageStartingWith("the render service at " + client.base()
                + " does not answer");
        assertThatThrownBy(client::health).isInstanceOf(ServiceUnavailableException.class);

        // The finished windows survived as whole entries; the one in progress is not an entry.
        List<CacheKey> keys = keys(fx, setup, 10);
        RenderCache peek = new RenderCache(fx.cache, 1L << 30);
        for (int w = 0; w < 10; w++) {
            assertThat(peek.contains(keys.get(w))).as("window " + w).isEqualTo(w < done);
        }

        ServiceClient restarted = ServiceClient.connectOrStart(fx.state, serveCommand(fx), Duration.ofSeconds(60));
        long pid2 = servicePid(fx);
        assertThat(pid2).isNotEqualTo(pid);
        List<JobEvent> events = new ArrayList<>();
        JobStatus end = restarted.follow(id, events::add);
        assertThat(end.state()).as(String.valueOf(end.error())).isEqualTo(JobState.DONE);
        assertThat(end.resumed()).isTrue();
        assertThat(end.windowsDone()).isEqualTo(10);
        assertThat(end.windowsCached()).isEqualTo(done);
        assertThat(events.stream().filter(e -> e.type().equals("window") && !e.cached()).map(JobEvent::window).findFirst())
                .hasValue(done);

        // The resumed shot is bit for bit what an uninterrupted run makes.
        Path refRoot = Files.createDirectories(tmp.resolve("ref"));
        ServiceConfig c = fx.config();
        try (RenderService ref = RenderService.start(new ServiceConfig(c.host(), 0, false, refRoot.resolve("state"),
                c.mediaRoots(), null, refRoot.resolve("cache"), c.cacheMaxBytes(), c.maxBodyBytes(), refRoot.resolve("gpu.lock")),
                new TestPatternExecutor(0))) {
            ServiceClient refClient = ServiceClient.discover(refRoot.resolve("state")).orElseThrow();
            assertThat(refClient.follow(refClient.submit(setup, fx.shotDir(), 0).id(), e -> { }).state()).isEqualTo(JobState.DONE);
        }
        RenderCache resumed = new RenderCache(fx.cache, 1L << 30);
        RenderCache reference = new RenderCache(refRoot.resolve("cache"), 1L << 30);
        for (CacheKey k : keys) {
            for (int f = 0; f < TestPatternExecutor.FRAMES_PER_WINDOW; f++) {
                assertThat(resumed.read(k, EntryWriter.frameName(f)).orElseThrow())
                        .isEqualTo(reference.read(k, EntryWriter.frameName(f)).orElseThrow());
            }
        }

        // A running service is found, not started twice; asked to stop, it stops.
        ServiceClient again = ServiceClient.connectOrStart(fx.state, serveCommand(fx), Duration.ofSeconds(60));
        assertThat(servicePid(fx)).isEqualTo(pid2);
        again.shutdown();
        assertThat(ProcessHandle.of(pid2).map(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive()).orElse(false)).isFalse();
        assertThat(ServiceClient.discover(fx.state)).isEmpty();
        try (Stream<Path> stored = Files.list(fx.state.resolve("jobs"))) {
            assertThat(stored).isEmpty();
        }
    }
}
