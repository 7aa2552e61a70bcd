package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.media.MediaInfo;
import org.talkfx.media.MediaProbe;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three shots with the tiny random model on CPU, in a child JVM killed (SIGKILL) once the first shot is done; a
 * second run must skip the first shot, render the others, and leave complete outputs, sidecars and report.
 */
class BatchEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void killedBatchResumesAndFinishes() throws Exception {
        BatchFixture fx = new BatchFixture(tmp);
        fx.voice("a.wav", 0.5, 140);
        fx.voice("b.wav", 0.5, 180);
        fx.voice("c.wav", 0.4, 220);
        fx.shot("sh010", "de", "media:face.png", "media:a.wav");
        fx.shot("sh020", "de", "media:face.png", "media:b.wav").put("output", "out:{shot}_{lang}.mp4");
        fx.shot("sh030", "de", "media:face.png", "media:c.wav").put("output", "out:{shot}_{lang}_png");
        Path batch = fx.write();

        Process first = new ProcessBuilder(fx.javaTalkfx("batch", batch.toString(), "--cache-dir",
                fx.cache.toString())).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("first.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try {
            while (!firstDone(fx)) {
                assertThat(first.isAlive()).as("batch ended before it could be killed (" + lastProblem + "): "
                        + Files.readString(tmp.resolve("first.log"))).isTrue();
                assertThat(System.nanoTime()).as("first shot not done in time: " + Files.readString(tmp.resolve(
                        "first.log"))).isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        }
        JsonNode killed = fx.report();
        assertThat(fx.shotReport("sh010_de").path("status").asText()).isEqualTo("done");
        assertThat(fx.shotReport("sh030_de").path("status").asText()).isIn("pending", "running");
        assertThat(fx.out.resolve("sh030_de_png")).doesNotExist();
        assertThat(killed.path("summary").path("done").asInt()).isBetween(1, 2);
        String sh010Hash = fx.shotReport("sh010_de").path("output_sha256").asText();

        Process second = new ProcessBuilder(fx.javaTalkfx("batch", batch.toString(), "--cache-dir",
                fx.cache.toString())).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("second.log").toFile()).start();
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(tmp.resolve("second.log"));
        assertThat(second.exitValue()).as(log).isZero();
        assertThat(log).contains("sh010_de").contains("skipped");

        JsonNode r = fx.report();
        assertThat(r.path("summary").path("skipped").asInt() + r.path("summary").path("done").asInt()).isEqualTo(3);
        assertThat(fx.shotReport("sh010_de").path("status").asText()).isEqualTo("skipped");
        assertThat(fx.shotReport("sh030_de").path("status").asText()).isEqualTo("done");
        assertThat(fx.shotReport("sh010_de").path("output_sha256").asText()).isEqualTo(sh010Hash);
        JsonNode sh020 = fx.shotReport("sh020_de");
        assertThat(sh020.path("windows").asInt()).isEqualTo(2);
        assertThat(sh020.path("model").asText()).isNotBlank();
        assertThat(sh020.path("settings").path("render").path("window").asInt()).isEqualTo(9);
        assertThat(sh020.path("timings_s").path("generate").asDouble()).isPositive();

        // 0.5 s of audio at 25 fps = 12 frames; 0.4 s = 10
        assertVideo(fx.out.resolve("sh010_de.mov"), 12);
        assertVideo(fx.out.resolve("sh020_de.mp4"), 12);
        Path png = fx.out.resolve("sh030_de_png");
        try (Stream<Path> files = Files.list(png)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(10);
        }
        try (Stream<Path> files = Files.list(png)) {
            assertThat(files.filter(f -> f.toString().endsWith(".wav")).count()).as("audio next to the PNGs")
                    .isEqualTo(1);
        }
        for (String out : new String[]{"sh010_de.mov", "sh020_de.mp4", "sh030_de_png"}) {
            JsonNode p = BatchFixture.JSON.readTree(fx.out.resolve(out + ".provenance.json").toFile())
                    .path("provenance");
            assertThat(p.path("model").path("identity").asText()).isNotBlank();
            assertThat(p.path("generated").path("first").asInt()).isZero();
            assertThat(p.path("inputs").size()).isEqualTo(2);
            assertThat(p.path("output_sha256").asText())
                    .isEqualTo(fx.shotReport(out.replace(".mov", "").replace(".mp4", "").replace("_png", ""))
                            .path("output_sha256").asText());
        }
    }

    private String lastProblem = "";

    private boolean firstDone(BatchFixture fx) {
        try {
            return Files.isRegularFile(fx.work().resolve("report.json"))
                    && fx.shotReport("sh010_de").path("status").asText().equals("done");
        } catch (Exception | AssertionError e) {
            lastProblem = e.toString(); // a report being replaced, or not written yet
            return false;
        }
    }

    private static void assertVideo(Path file, int frames) {
        MediaInfo info = MediaProbe.probe(file);
        assertThat(info.audio()).as("audio stream in " + file).isPresent();
        long n = VideoDecoder.forEach(file, VideoRequest.sourceFrames(), f -> {
        });
        assertThat(n).as("frames of " + file).isEqualTo(frames);
    }
}
