package org.talkfx.panel.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.ModelDirectory;
import org.talkfx.panel.TestMedia;
import org.talkfx.service.JobState;
import org.talkfx.service.JobStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WaveformAndProgressTest {
    @TempDir
    Path tmp;

    @Test
    void peaksFollowTheDecodedAudio() throws Exception {
        // 1 s loud, then 1 s quiet: the envelope must show both, at the file's own timing
        Path loud = TestMedia.wav(tmp.resolve("loud.wav"), 1.0, 200, 0.8);
        Path quiet = TestMedia.wav(tmp.resolve("quiet.wav"), 2.0, 200, 0.1);
        try (PeakCache cache = new PeakCache()) {
            Peaks a = cache.get(loud).get(60, TimeUnit.SECONDS);
            Peaks b = cache.get(quiet).get(60, TimeUnit.SECONDS);
            assertThat(a.durationSeconds()).isCloseTo(1.0, within(0.01));
            assertThat(b.durationSeconds()).isCloseTo(2.0, within(0.01));
            assertThat(a.range(0.2, 0.8)[1]).isCloseTo(0.8f, within(0.05f));
            assertThat(a.range(0.2, 0.8)[0]).isCloseTo(-0.8f, within(0.05f));
            assertThat(b.range(0.2, 1.8)[1]).isCloseTo(0.1f, within(0.02f));
            assertThat(a.range(1.5, 2.0)[1]).isZero();              // past the end of the file
            assertThat(cache.get(loud)).isSameAs(cache.get(loud));    // decoded once
            // an edited file is decoded again
            TestMedia.wav(loud, 0.5, 200, 0.3);
            Files.setLastModifiedTime(loud, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            assertThat(cache.get(loud).get(60, TimeUnit.SECONDS).durationSeconds()).isCloseTo(0.5, within(0.01));
            Path bad = Files.writeString(tmp.resolve("notaudio.wav"), "hello");
            assertThatThrownBy(() -> cache.get(bad).get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(BadInputException.class).hasMessageContaining("notaudio.wav");
        }
    }

    private static JobStatus status(JobState state, Integer windows, int window, int step, int steps, int done, int cached) {
        return new JobStatus("j1", state, 0, 0, windows, window, step, steps, done, cached, windows == null ? 0 : done / (double) windows, null, false);
    }

    @Test
    void progressCountsStepsInsideWindowsAndEstimatesTheRest() {
        AtomicLong now = new AtomicLong();
        JobProgress p = new JobProgress(now::get);
        assertThat(p.update(status(JobState.QUEUED, null, 0, 0, 0, 0, 0)).text()).isEqualTo("queued");
        JobProgress.View v = p.update(status(JobState.RUNNING, 4, 0, 0, 8, 0, 0));
        assertThat(v.eta()).isNull();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        v = p.update(status(JobState.RUNNING, 4, 0, 4, 8, 0, 0));     // half of the first window in 10 s
        assertThat(v.overall()).isCloseTo(0.125, within(1e-9));
        assertThat(v.eta()).isEqualTo(Duration.ofSeconds(70));         // 7 more half-windows
        assertThat(v.text()).isEqualTo("window 1 of 4, step 4 of 8, about 1:10 left");
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        v = p.update(status(JobState.RUNNING, 4, 2, 0, 8, 2, 0));
        assertThat(v.overall()).isEqualTo(0.5);
        assertThat(v.eta()).isEqualTo(Duration.ofSeconds(40));
        v = p.update(status(JobState.DONE, 4, 3, 8, 8, 4, 1));
        assertThat(v.overall()).isEqualTo(1.0);
        assertThat(v.text()).isEqualTo("done: 4 windows (1 from cache)");
        assertThat(JobProgress.format(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
    }

    @Test
    void cachedWindowsOfAResumedJobDoNotInflateTheSpeed() {
        AtomicLong now = new AtomicLong();
        JobProgress p = new JobProgress(now::get);
        p.update(status(JobState.RUNNING, 10, 5, 0, 4, 5, 5));        // first 5 windows came from the cache
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        JobProgress.View v = p.update(status(JobState.RUNNING, 10, 6, 0, 4, 6, 5));
        assertThat(v.eta()).isEqualTo(Duration.ofSeconds(80));        // 20 s a window, 4 to go
    }

    @Test
    void serviceStatesFromHealthAndFromTheModelFolderCheck() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(ServiceStatus.fromHealth(json.readTree("{\"status\":\"ok\",\"version\":\"0.1\",\"executor\":\"infinitetalk\",\"queued\":0,\"running\":null}")).state())
                .isEqualTo(ServiceStatus.State.READY);
        ServiceStatus busy = ServiceStatus.fromHealth(json.readTree("{\"status\":\"ok\",\"executor\":\"x\",\"queued\":2,\"running\":\"abc\"}"));
        assertThat(busy.state()).isEqualTo(ServiceStatus.State.BUSY);
        assertThat(busy.detail()).contains("abc", "2 queued");
        // the real message of the model folder check, on an empty folder
        Path models = Files.createDirectories(tmp.resolve("models"));
        String message = null;
        try (var md = ModelDirectory.open(models)) {
            assertThat(md).as("an empty folder cannot be a model").isNull();
        } catch (BadInputException e) {
            message = e.getMessage();
        }
        ServiceStatus missing = ServiceStatus.fromError("job failed: " + message);
        assertThat(missing.state()).isEqualTo(ServiceStatus.State.MISSING_MODELS);
        assertThat(missing.missingFiles()).isNotEmpty().allSatisfy(f -> assertThat(f).contains(": ").doesNotStartWith("("));
        assertThat(missing.missingFiles()).anyMatch(f -> f.startsWith("dit:")).anyMatch(f -> f.startsWith("vae:"));
        assertThat(missing.detail()).contains(models.toString());
        ServiceStatus down = ServiceStatus.fromError("connection refused");
        assertThat(down.state()).isEqualTo(ServiceStatus.State.UNREACHABLE);
        assertThat(down.detail()).contains("connection refused", "talkfx serve");
    }

    @Test
    void recentFilesNewestFirstBoundedAndSurviveDamage() throws Exception {
        RecentFiles r = new RecentFiles(tmp.resolve("config"));
        assertThat(r.list()).isEmpty();
        for (int i = 0; i < RecentFiles.MAX + 3; i++) {
            r.add(tmp.resolve("s" + i + ".json"));
        }
        r.add(tmp.resolve("s5.json"));
        assertThat(r.list()).hasSize(RecentFiles.MAX);
        assertThat(r.list().get(0)).isEqualTo(tmp.resolve("s5.json"));
        assertThat(r.list().get(1)).isEqualTo(tmp.resolve("s" + (RecentFiles.MAX + 2) + ".json"));
        assertThat(r.list()).doesNotHaveDuplicates();
        Files.writeString(r.file(), "{not json");
        assertThat(r.list()).isEmpty();
        r.add(tmp.resolve("again.json"));
        assertThat(new RecentFiles(tmp.resolve("config")).list()).containsExactly(tmp.resolve("again.json"));
    }
}
