package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.media.AudioFileWriter;
import org.talkfx.media.PcmAudio;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A tiny batch on disk: a 64x64 portrait, short voice-like WAVs, and a batch file for the tiny model. */
final class BatchFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path media;
    final Path out;
    final Path cache;
    final Path home;
    final ObjectNode batch = JSON.createObjectNode();
    final ArrayNode shots;

    BatchFixture(Path dir) throws IOException {
        this.dir = dir;
        this.media = Files.createDirectories(dir.resolve("project/media"));
        this.out = dir.resolve("project/renders");
        this.cache = dir.resolve("cache");
        this.home = dir.resolve("home");
        portrait(media.resolve("face.png"));
        batch.put("format", BatchFile.FORMAT);
        batch.putObject("roots").put("media", "media").put("out", "renders");
        batch.put("output", "out:{shot}_{lang}.mov");
        // 32x32, 9-frame windows, 1 step: about 5 s per window on the shared 2-core box
        batch.putObject("render").put("resolution", "32x32").put("window", 9).put("context", 5);
        shots = batch.putArray("shots");
    }

    /** A WAV of {@code seconds} of a voice-like tone at {@code pitch} Hz. */
    Path voice(String name, double seconds, double pitch) {
        float[] s = new float[(int) (16000 * seconds)];
        for (int i = 0; i < s.length; i++) {
            double t = i / 16000.0;
            s[i] = (float) (0.3 * Math.max(0, Math.sin(2 * Math.PI * 3 * t)) * Math.sin(2 * Math.PI * pitch * t));
        }
        Path p = media.resolve(name);
        AudioFileWriter.write(p, PcmAudio.mono(s, 16000));
        return p;
    }

    static void portrait(Path file) throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(70, 110, 160));
        g.fillRect(0, 0, 64, 64);
        g.setColor(new Color(230, 190, 160));
        g.fillOval(16, 10, 32, 40);
        g.setColor(new Color(170, 60, 70));
        g.fillOval(26, 36, 12, 5);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** A shot whose setup animates {@code source} with {@code audio} (root references), 1 draft step. */
    ObjectNode shot(String name, String lang, String source, String audio) {
        ObjectNode s = shots.addObject();
        s.put("shot", name).put("lang", lang);
        ObjectNode setup = s.putObject("setup");
        setup.put("schema_version", 1).put("mode", "animate_image");
        setup.putObject("source").put("media", source);
        setup.putArray("speakers").addObject().put("audio", audio);
        setup.putObject("generation").put("preset", "draft").put("steps", 1);
        return s;
    }

    Path write() throws IOException {
        Path f = dir.resolve("project/film_de.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), batch);
        return f;
    }

    Path work() {
        return dir.resolve("project/film_de.batch");
    }

    JsonNode report() throws IOException {
        return JSON.readTree(work().resolve("report.json").toFile());
    }

    JsonNode shotReport(String id) throws IOException {
        for (JsonNode s : report().path("shots")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no shot " + id + " in the report");
    }

    /** The command line of a child JVM running talkfx with this fixture's home and the test's native settings. */
    List<String> javaTalkfx(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dtalkfx.home=" + home));
        for (String p : List.of("talkfx.root", "ai.djl.offline", "offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
                "org.bytedeco.javacpp.cachedir", "java.awt.headless")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.talkfx.cli.TalkFx"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    long cacheEntries() throws IOException {
        Path entries = cache.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return 0;
        }
        try (var shards = Files.list(entries)) {
            return shards.mapToLong(s -> {
                try (var e = Files.list(s)) {
                    return e.count();
                } catch (IOException ex) {
                    return 0;
                }
            }).sum();
        }
    }
}
