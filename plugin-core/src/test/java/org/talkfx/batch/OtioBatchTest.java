package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.media.EncodeSettings;
import org.talkfx.media.MediaInfo;
import org.talkfx.media.MediaProbe;
import org.talkfx.media.OutputFormat;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoEncoder;
import org.talkfx.media.VideoFrame;
import org.talkfx.media.VideoRequest;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code talkfx batch EDIT.otio --mapping MAP.json}: two shots cut from one generated source at different in-points,
 * one dialogue track whose second clip starts mid-shot, rendered with the tiny model; the unmasked pixels of shot 2
 * must be the source's frames from the clip's in-point.
 */
class OtioBatchTest {
    private static final int W = 64;

    @TempDir
    Path tmp;

    @Test
    void timelineShotsRenderFromTheirInPoints() throws Exception {
        BatchFixture fx = new BatchFixture(tmp);
        Path src = fx.media.resolve("src.mp4");
        sourceVideo(src, 40);
        fx.voice("dialogue.wav", 2.0, 150);
        mask(fx.media.resolve("mask.png"));
        Path otio = writeTimeline(fx.dir.resolve("project/edit.otio"), "Dialog");
        Path mapping = writeMapping(fx, "Dialog");

        int code = new CommandLine(new BatchCommand()).execute(otio.toString(), "--mapping", mapping.toString(),
                "--cache-dir", fx.cache.toString());
        assertThat(code).isZero();
        Path work = fx.dir.resolve("project/edit.batch");
        JsonNode report = BatchFixture.JSON.readTree(work.resolve("report.json").toFile());
        assertThat(report.path("summary").path("done").asInt()).as(report.toString()).isEqualTo(2);

        Path mov = fx.out.resolve("A_de.mov");
        MediaInfo info = MediaProbe.probe(mov);
        assertThat(info.audio()).as("audio in " + mov).isPresent();
        assertThat(VideoDecoder.forEach(mov, VideoRequest.sourceFrames(), f -> { })).isEqualTo(9);

        // shot 2: source frames 20.. (its in-point); speaker audio from 1.0 s of the file, placed 0.12 s in
        Path png = fx.out.resolve("B_de_png");
        assertThat(png.resolve("audio.wav")).isRegularFile();
        List<Path> frames;
        try (Stream<Path> s = Files.list(png)) {
            frames = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertThat(frames).hasSize(9);
        List<int[]> source = new ArrayList<>();
        VideoDecoder.forEach(src, VideoRequest.sourceFrames(), f -> source.add(corner(f)));
        for (int j = 0; j < frames.size(); j++) {
            BufferedImage img = ImageIO.read(frames.get(j).toFile());
            int rgb = img.getRGB(2, 2);
            int[] got = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
            assertThat(got).as("outside-mask pixel of shot 2 frame " + j).containsExactly(source.get(20 + j));
        }
        JsonNode sidecar = BatchFixture.JSON.readTree(fx.out.resolve("B_de_png.provenance.json").toFile());
        JsonNode audio = sidecar.path("audio").get(0);
        assertThat(audio.path("offset_s").asDouble()).isCloseTo(0.12, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(audio.path("in_s").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(audio.path("duration_s").asDouble()).isCloseTo(0.24, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(sidecar.path("source_start_s").asDouble()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void badMappingsNameTheMappingFile() throws Exception {
        BatchFixture fx = new BatchFixture(tmp);
        sourceVideo(fx.media.resolve("src.mp4"), 40);
        fx.voice("dialogue.wav", 2.0, 150);
        Path otio = writeTimeline(fx.dir.resolve("project/edit.otio"), "Dialog");
        Path work = fx.dir.resolve("project/edit.batch");

        Path unknown = writeMapping(fx, "Narration");
        assertThatThrownBy(() -> OtioBatch.plan(otio, unknown, work, Map.of(), null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(unknown.toString())
                .hasMessageContaining("no audio track \"Narration\"").hasMessageContaining("[Dialog]");

        Path five = fx.dir.resolve("project/five.json");
        ObjectNode m = mappingJson(fx);
        var sp = m.putArray("speakers");
        for (int i = 0; i < 5; i++) {
            sp.add(0);
        }
        BatchFixture.JSON.writeValue(five.toFile(), m);
        assertThatThrownBy(() -> OtioBatch.plan(otio, five, work, Map.of(), null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(five.toString())
                .hasMessageContaining("at most 4 speakers");

        Path index = fx.dir.resolve("project/index.json");
        m.putArray("speakers").add(3);
        BatchFixture.JSON.writeValue(index.toFile(), m);
        assertThatThrownBy(() -> OtioBatch.plan(otio, index, work, Map.of(), null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(index.toString())
                .hasMessageContaining("audio track index 3 does not exist");
    }

    @Test
    void sharedSampleTimelinesPlanWithMissingMediaPerShot() throws Exception {
        String shared = System.getProperty("talkfx.shared");
        Path dir = (shared != null ? Path.of(shared) : Path.of("..", "..", "shared")).resolve("fixtures/otio");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".otio")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        Path mapping = tmp.resolve("map.json");
        ObjectNode m = BatchFixture.JSON.createObjectNode();
        m.put("format", OtioMapping.FORMAT).put("output", "out:{shot}.mov");
        m.putObject("roots").put("media", "/").put("out", "out");
        m.putArray("speakers").add(0);
        BatchFixture.JSON.writeValue(mapping.toFile(), m);
        int planned = 0;
        for (Path f : files) {
            // as they are: none has an audio track, so the mapping's speaker is refused, naming the timeline
            assertThatThrownBy(() -> OtioBatch.plan(f, mapping, tmp.resolve("w"), Map.of(), null))
                    .isInstanceOf(BadInputException.class).hasMessageStartingWith(f.toString())
                    .hasMessageContaining("has no audio track");
            // with a dialogue track added: every shot is planned, each failing on its own (media not here)
            ObjectNode t = (ObjectNode) BatchFixture.JSON.readTree(f.toFile());
            ((com.fasterxml.jackson.databind.node.ArrayNode) t.path("tracks").path("children")).add(
                    BatchFixture.JSON.readTree("{\"OTIO_SCHEMA\": \"Track.1\", \"name\": \"Dialog\", \"kind\": "
                            + "\"Audio\", \"children\": [" + clip("all", "file:///nowhere/dialogue.wav", 0, 100000)
                            + "]}"));
            Path copy = tmp.resolve(f.getFileName());
            BatchFixture.JSON.writeValue(copy.toFile(), t);
            List<BatchPlan.Planned> plan = OtioBatch.plan(copy, mapping, tmp.resolve(f.getFileName() + ".batch"),
                    Map.of(), null);
            assertThat(plan).as(f.toString()).isNotEmpty();
            for (BatchPlan.Planned p : plan) {
                assertThat(p.ok()).as(p.id()).isFalse();
                assertThat(p.error()).as(f + " " + p.id()).containsPattern("is missing|no local media file");
                planned++;
            }
        }
        assertThat(planned).isPositive();
    }

    private static int[] corner(VideoFrame f) {
        int i = 3 * (2 * f.width() + 2);
        return new int[]{f.rgb()[i] & 0xff, f.rgb()[i + 1] & 0xff, f.rgb()[i + 2] & 0xff};
    }

    /** 25 fps, every frame a different flat colour so a frame's index shows in any pixel. */
    private static void sourceVideo(Path file, int frames) {
        try (VideoEncoder enc = VideoEncoder.open(file, EncodeSettings.of(OutputFormat.forFileName(file.toString()),
                W, W, 25), null)) {
            for (int i = 0; i < frames; i++) {
                byte[] rgb = new byte[3 * W * W];
                for (int p = 0; p < W * W; p++) {
                    rgb[3 * p] = (byte) (6 * i);
                    rgb[3 * p + 1] = (byte) (200 - 4 * i);
                    rgb[3 * p + 2] = (byte) 90;
                }
                enc.write(rgb);
            }
            enc.finish();
        }
    }

    private static void mask(Path file) throws IOException {
        BufferedImage img = new BufferedImage(W, W, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(20, 20, 24, 24);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static String time(int frames) {
        return "{\"OTIO_SCHEMA\": \"RationalTime.1\", \"rate\": 25, \"value\": " + frames + "}";
    }

    private static String range(int start, int duration) {
        return "{\"OTIO_SCHEMA\": \"TimeRange.1\", \"start_time\": " + time(start) + ", \"duration\": " + time(duration)
                + "}";
    }

    private static String clip(String name, String url, int in, int duration) {
        return "{\"OTIO_SCHEMA\": \"Clip.1\", \"name\": \"" + name + "\", \"source_range\": " + range(in, duration)
                + ", \"media_reference\": {\"OTIO_SCHEMA\": \"ExternalReference.1\", \"target_url\": \"" + url
                + "\", \"available_range\": null}}";
    }

    /**
     * V1: A = source frames [4, 13), B = [20, 29), back to back. Dialogue: clip a1 plays the WAV from 0.4 s under
     * shot A; after a 3-frame gap clip a2 plays it from 1.0 s for the last 6 frames of shot B.
     */
    private static Path writeTimeline(Path file, String audioTrack) throws IOException {
        String json = "{\"OTIO_SCHEMA\": \"Timeline.1\", \"name\": \"edit\", \"tracks\": {\"OTIO_SCHEMA\": \"Stack.1\","
                + " \"name\": \"tracks\", \"children\": ["
                + "{\"OTIO_SCHEMA\": \"Track.1\", \"name\": \"V1\", \"kind\": \"Video\", \"children\": ["
                + clip("A", "media/src.mp4", 4, 9) + ", " + clip("B", "media/src.mp4", 20, 9) + "]},"
                + "{\"OTIO_SCHEMA\": \"Track.1\", \"name\": \"" + audioTrack + "\", \"kind\": \"Audio\", \"children\": ["
                + clip("a1", "media/dialogue.wav", 10, 9) + ", "
                + "{\"OTIO_SCHEMA\": \"Gap.1\", \"name\": \"gap\", \"source_range\": " + range(0, 3) + "}, "
                + clip("a2", "media/dialogue.wav", 25, 6) + "]}]}}";
        Files.writeString(file, json);
        return file;
    }

    private static ObjectNode mappingJson(BatchFixture fx) {
        ObjectNode m = BatchFixture.JSON.createObjectNode();
        m.put("format", OtioMapping.FORMAT).put("video_track", "V1").put("lang", "de")
                .put("output", "out:{shot}_{lang}.mov");
        m.putObject("roots").put("media", "media").put("out", "renders");
        m.putObject("render").put("resolution", "32x32").put("window", 9).put("context", 5);
        ObjectNode setup = m.putObject("setup");
        setup.putObject("generation").put("preset", "draft").put("steps", 1);
        setup.putObject("region").put("kind", "mask_clip").put("mask_media", "media:mask.png");
        m.putObject("shots").putObject("B").put("output", "out:{shot}_{lang}_png");
        return m;
    }

    private static Path writeMapping(BatchFixture fx, String speakerTrack) throws IOException {
        ObjectNode m = mappingJson(fx);
        m.putArray("speakers").add(speakerTrack);
        Path f = fx.dir.resolve("project/map_" + speakerTrack + ".json");
        BatchFixture.JSON.writeValue(f.toFile(), m);
        return f;
    }
}
