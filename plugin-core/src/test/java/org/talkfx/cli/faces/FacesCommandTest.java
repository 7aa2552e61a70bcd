package org.talkfx.cli.faces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cli.TalkFx;
import org.talkfx.media.EncodeProgress;
import org.talkfx.media.EncodeSettings;
import org.talkfx.media.OutputFormat;
import org.talkfx.media.VideoEncoder;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code talkfx faces} end to end on images and a video made from the real skimage portraits. */
class FacesCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    static Path deps(String relative) {
        Path file = Path.of(System.getProperty("talkfx.root", ".."), "deps", relative);
        assertThat(file).as("run scripts/install-test-deps").exists();
        return file;
    }

    static BufferedImage astronaut() throws Exception {
        return ImageIO.read(deps("images/astronaut.png").toFile());
    }

    int run(String... args) {
        CommandLine cli = TalkFx.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void twoPeopleGiveTwoTracksLeftToRightWithMasks(@TempDir Path dir) throws Exception {
        BufferedImage canvas = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.drawImage(astronaut(), 0, 0, null);
        g.drawImage(astronaut(), 512, 0, null);
        g.dispose();
        Path image = dir.resolve("two.png");
        ImageIO.write(canvas, "png", image.toFile());
        Path json = dir.resolve("tracks.json");
        Path masks = dir.resolve("masks");

        assertThat(run("faces", image.toString(), "--out", json.toString(), "--masks", masks.toString(), "--grid", "16"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 frame(s) of 1024x512, 2 face track(s)").contains("(speaker 1)").contains("(speaker 2)");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("tracks")).hasSize(2);
        int speaker1 = root.get("speakerTracks").get(0).asInt();
        for (JsonNode t : root.get("tracks")) {
            JsonNode head = t.get("frames").get(0).get("head");
            double cx = head.get(0).asDouble() + head.get(2).asDouble() / 2;
            assertThat(cx < 512).isEqualTo(t.get("id").asInt() == speaker1);
            assertThat(t.get("speaker").asInt()).isEqualTo(cx < 512 ? 1 : 2);
            BufferedImage mask = ImageIO.read(masks.resolve("track-" + t.get("id").asInt()).resolve("frame_000000.png").toFile());
            assertThat(mask.getWidth()).isEqualTo(1024);
            int noseX = cx < 512 ? 225 : 512 + 225;
            assertThat(mask.getRaster().getSample(noseX, 127, 0)).isEqualTo(255);
            assertThat(mask.getRaster().getSample(1024 - noseX, 127, 0)).isZero();
            assertThat(mask.getRaster().getSample(noseX, 500, 0)).isZero();
            BufferedImage tokens = ImageIO.read(masks.resolve("track-" + t.get("id").asInt() + "-grid16").resolve("frame_000000.png").toFile());
            assertThat(tokens.getWidth()).isEqualTo(64);
            assertThat(tokens.getHeight()).isEqualTo(32);
            assertThat(tokens.getRaster().getSample(noseX / 16, 127 / 16, 0)).isEqualTo(255);
            assertThat(tokens.getRaster().getSample((1024 - noseX) / 16, 127 / 16, 0)).isZero();
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("two.png", "tracks.json", "masks");
        }
        // an existing, non-empty mask directory is not overwritten
        assertThat(run("faces", image.toString(), "--masks", masks.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not empty");
    }

    @Test
    void aPannedVideoGivesOneContinuousTrack(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("pan.mp4");
        int frames = 30;
        try (VideoEncoder enc = VideoEncoder.open(video, EncodeSettings.of(OutputFormat.H264_MP4, 640, 360, 25), EncodeProgress.NONE)) {
            for (int i = 0; i < frames; i++) {
                BufferedImage canvas = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = canvas.createGraphics();
                int size = 280 + 4 * i;
                g.drawImage(astronaut(), -40 + 10 * i, 10 - i, size, size, null);
                g.dispose();
                enc.write(rgb(canvas));
            }
            enc.finish();
        }
        Path json = dir.resolve("tracks.json");
        assertThat(run("faces", video.toString(), "--out", json.toString())).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("frames").asInt()).isEqualTo(frames);
        assertThat(root.get("fps").asDouble()).isEqualTo(25.0);
        assertThat(root.get("tracks")).hasSize(1);
        JsonNode track = root.get("tracks").get(0);
        assertThat(track.get("firstFrame").asInt()).isZero();
        assertThat(track.get("lastFrame").asInt()).isEqualTo(frames - 1);
        assertThat(track.get("gaps")).isEmpty();
        // the face moves right with the pan: nose x = -40 + 10 i + 225 (280 + 4 i) / 512
        JsonNode last = track.get("frames").get(frames - 1);
        double expectedNoseX = -40 + 10 * (frames - 1) + 225 * (280 + 4 * (frames - 1)) / 512.0;
        assertThat(last.get("keypoints").get(2).get(0).asDouble()).isBetween(expectedNoseX - 8, expectedNoseX + 8);
    }

    @Test
    void noFaceIsReportedClearlyAndStillWritesTheTracks(@TempDir Path dir) throws Exception {
        BufferedImage noise = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(3);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                noise.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Path image = dir.resolve("noise.png");
        ImageIO.write(noise, "png", image.toFile());
        Path json = dir.resolve("tracks.json");
        assertThat(run("faces", image.toString(), "--out", json.toString())).isZero();
        assertThat(err.toString()).contains("no face found in 1 frame(s) of 320x240").contains("head mask by hand");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("tracks")).isEmpty();
        assertThat(root.get("noFace").asText()).contains("no face found");
    }

    @Test
    void readsGreyImagesAndRejectsBadOnesByName(@TempDir Path dir) throws Exception {
        assertThat(run("faces", deps("images/camera.png").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 frame(s) of 512x512, 1 face track(s)");

        Path broken = dir.resolve("broken.png");
        byte[] png = Files.readAllBytes(deps("images/camera.png"));
        Files.write(broken, java.util.Arrays.copyOf(png, 200));
        assertThat(run("faces", broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(broken.toString());

        // an image sequence must keep one frame size
        assertThat(run("faces", deps("images/camera.png").toString(), dir.resolve("small.png").toString())).isEqualTo(2);
        BufferedImage small = new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(small, "png", dir.resolve("small.png").toFile());
        assertThat(run("faces", deps("images/camera.png").toString(), dir.resolve("small.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("small.png: is 100x60 but the first image is 512x512");
    }

    private static byte[] rgb(BufferedImage bgr) {
        byte[] data = ((java.awt.image.DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[data.length];
        for (int i = 0; i < data.length; i += 3) {
            rgb[i] = data[i + 2];
            rgb[i + 1] = data[i + 1];
            rgb[i + 2] = data[i];
        }
        return rgb;
    }
}
