package org.talkfx.panel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.media.AudioFileWriter;
import org.talkfx.media.PcmAudio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real media and timelines for the panel's tests: WAV files written through the media layer, and an OTIO export of
 * the shape editors write (audio tracks, Clip.2 with media_references, relative and file:// URLs, a missing file,
 * an unknown schema, a clip outside the effect).
 */
public final class TestMedia {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final double RATE = 24;

    private TestMedia() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("talkfx.shared", "../shared")).toAbsolutePath().normalize();
    }

    public static Path root() {
        return Path.of(System.getProperty("talkfx.root", "..")).toAbsolutePath().normalize();
    }

    /** A sine of {@code seconds} at {@code amplitude}, 48 kHz mono. */
    public static Path wav(Path file, double seconds, double hz, double amplitude) {
        return wav(file, seconds, hz, amplitude, 0);
    }

    /**
     * A sine whose loudness swells and fades {@code syllablesPerSecond} times a second (0 = steady), so that a
     * waveform shows speech-like bursts.
     */
    public static Path wav(Path file, double seconds, double hz, double amplitude, double syllablesPerSecond) {
        int rate = 48_000;
        float[] s = new float[(int) (seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            double t = i / (double) rate;
            double envelope = syllablesPerSecond == 0 ? 1 : Math.abs(Math.sin(Math.PI * syllablesPerSecond * t));
            s[i] = (float) (amplitude * envelope * Math.sin(2 * Math.PI * hz * t));
        }
        AudioFileWriter.write(file, PcmAudio.mono(s, rate));
        return file;
    }

    static ObjectNode time(double value, double rate) {
        return JSON.createObjectNode().put("OTIO_SCHEMA", "RationalTime.1").put("rate", rate).put("value", value);
    }

    static ObjectNode range(double start, double duration, double rate) {
        ObjectNode r = JSON.createObjectNode().put("OTIO_SCHEMA", "TimeRange.1");
        r.set("start_time", time(start, rate));
        r.set("duration", time(duration, rate));
        return r;
    }

    static ObjectNode gap(double frames) {
        ObjectNode g = JSON.createObjectNode().put("OTIO_SCHEMA", "Gap.1").put("name", "");
        g.set("source_range", range(0, frames, RATE));
        return g;
    }

    static ObjectNode ref(String url, ObjectNode available) {
        ObjectNode r = JSON.createObjectNode().put("OTIO_SCHEMA", "ExternalReference.1").put("target_url", url);
        r.set("available_range", available);
        return r;
    }

    static ObjectNode clip1(String name, ObjectNode ref, ObjectNode sourceRange) {
        ObjectNode c = JSON.createObjectNode().put("OTIO_SCHEMA", "Clip.1").put("name", name);
        c.set("media_reference", ref);
        c.set("source_range", sourceRange);
        return c;
    }

    static ObjectNode clip2(String name, ObjectNode ref, ObjectNode sourceRange) {
        ObjectNode c = JSON.createObjectNode().put("OTIO_SCHEMA", "Clip.2").put("name", name);
        c.putObject("media_references").set("DEFAULT_MEDIA", ref);
        c.put("active_media_reference_key", "DEFAULT_MEDIA");
        c.set("source_range", sourceRange);
        return c;
    }

    static ObjectNode track(String name, String kind, ObjectNode... children) {
        ObjectNode t = JSON.createObjectNode().put("OTIO_SCHEMA", "Track.1").put("name", name).put("kind", kind);
        ArrayNode a = t.putArray("children");
        for (ObjectNode c : children) {
            a.add(c);
        }
        return t;
    }

    /**
     * Writes {@code edit.otio}, {@code anna.wav} (3 s) and {@code ben.wav} (3 s) into {@code dir}; the video clip
     * "face" uses {@code sourceName} (relative to dir). At 24 fps: the video clip starts at 1 s; anna plays from
     * 1.25 s showing her file from 0.5 s (offset -0.25 s from the effect clip); ben's media starts at timecode
     * 10 s, his clip plays from 2.5 s showing his file from 1 s in (offset +0.5 s).
     */
    public static Path editorTimeline(Path dir, String sourceName) throws IOException {
        Files.createDirectories(dir);
        wav(dir.resolve("anna.wav"), 3.0, 220, 0.8, 3);
        wav(dir.resolve("ben.wav"), 3.0, 330, 0.6, 5);
        ObjectNode tl = JSON.createObjectNode().put("OTIO_SCHEMA", "Timeline.1").put("name", "dialogue");
        tl.set("global_start_time", time(86400, RATE));
        ObjectNode stack = tl.putObject("tracks").put("OTIO_SCHEMA", "Stack.1").put("name", "tracks");
        ArrayNode tracks = stack.putArray("children");
        tracks.add(track("V1", "Video", gap(24), clip1("face", ref(sourceName, range(0, 240, RATE)), range(0, 96, RATE))));
        tracks.add(track("A1", "Audio", gap(30), clip2("anna", ref("anna.wav", range(0, 72, RATE)), range(12, 48, RATE))));
        tracks.add(track("A2", "Audio", gap(60), clip1("ben", ref(dir.resolve("ben.wav").toUri().toString(), range(240, 72, RATE)),
                range(264, 24, RATE))));
        ObjectNode fancy = JSON.createObjectNode().put("OTIO_SCHEMA", "FancyNewThing.1").put("name", "fx");
        tracks.add(track("A3", "Audio", gap(24), clip1("gone", ref("gone.wav", range(0, 48, RATE)), range(0, 48, RATE)),
                fancy, gap(200), clip1("late", ref("anna.wav", range(0, 72, RATE)), range(0, 24, RATE))));
        Path otio = dir.resolve("edit.otio");
        JSON.writerWithDefaultPrettyPrinter().writeValue(otio.toFile(), tl);
        return otio;
    }
}
