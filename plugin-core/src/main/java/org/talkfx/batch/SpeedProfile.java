package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.talkfx.inference.pipeline.GenerationListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measured generation speed per configuration (model folder, generation size, window length, steps, model calls per
 * step), kept in {@code <talkfx home>/speed-profile.json} and updated by every shot a batch renders; {@code --estimate}
 * reads it. Seconds per window are the sampling and VAE time of generated windows (cached windows excluded); setup
 * is the time from the start of a shot's generation to its first window (model load, audio features, text encoding).
 */
public final class SpeedProfile {
    /** One measured configuration; {@code source} says where the figures came from. */
    public record Entry(double secondsPerWindow, double setupSeconds, int windowsMeasured, String updated,
                        String source) {
    }

    private record Doc(Map<String, Entry> entries) {
    }

    private final Path file;

    public SpeedProfile(Path file) {
        this.file = file;
    }

    /** {@code $talkfx.home/speed-profile.json}, by default {@code ~/.talkfx/speed-profile.json}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("talkfx.home", System.getProperty("user.home") + "/.talkfx"),
                "speed-profile.json");
    }

    public static String key(String modelFolder, int width, int height, int window, int steps, int calls) {
        return (modelFolder == null ? "built-in tiny random model" : modelFolder) + "|" + width + "x" + height + "|"
                + window + "f|" + steps + "steps|" + calls + "calls";
    }

    public synchronized Optional<Entry> get(String key) {
        return Optional.ofNullable(load().get(key));
    }

    public synchronized void put(String key, Entry e) {
        Map<String, Entry> all = load();
        all.put(key, e);
        JobJson.write(file, new Doc(all));
    }

    private Map<String, Entry> load() {
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JobJson.read(file, Doc.class, "speed profile").entries());
        } catch (RuntimeException unreadable) {
            return new TreeMap<>(); // rebuilt from the next measurements
        }
    }

    /** Adds a rendered shot's measurement (a running mean weighted by windows). */
    void record(PreparedShot shot, JsonNode sidecar, Timer t) {
        if (t.generated == 0) {
            return;
        }
        JsonNode f = sidecar.path("frames");
        var s = shot.options().settings();
        String key = key(shot.options().models() == null ? null : shot.options().models().toString(),
                f.path("generation_width").asInt(), f.path("generation_height").asInt(), s.frames(), s.steps(),
                s.guidance().conditions().length);
        double perWindow = t.windowSeconds() / t.generated;
        Entry old = get(key).orElse(null);
        int n = t.generated + (old == null ? 0 : old.windowsMeasured());
        double mean = old == null ? perWindow : (old.secondsPerWindow() * old.windowsMeasured()
                + perWindow * t.generated) / n;
        double setup = old == null ? t.setupSeconds() : (old.setupSeconds() + t.setupSeconds()) / 2;
        put(key, new Entry(mean, setup, n, Instant.now().toString(), "measured by talkfx batch"));
    }

    /** Passes progress on and times it: setup until the first generated window, then the generated windows. */
    static final class Timer implements GenerationListener {
        private final GenerationListener next;
        private final long created = System.nanoTime();
        private long firstStart;
        private long lastStepDone;
        private int generated;

        Timer(GenerationListener next) {
            this.next = next;
        }

        double setupSeconds() {
            return firstStart == 0 ? 0 : (firstStart - created) / 1e9;
        }

        double windowSeconds() {
            return (lastStepDone - firstStart) / 1e9;
        }

        @Override
        public void windowStarted(int window, int windows) {
            if (firstStart == 0) {
                firstStart = System.nanoTime();
            }
            generated++;
            next.windowStarted(window, windows);
        }

        @Override
        public void windowRestored(int window, int windows) {
            next.windowRestored(window, windows);
        }

        @Override
        public void stepDone(int window, int windows, int step, int steps) {
            lastStepDone = System.nanoTime();
            next.stepDone(window, windows, step, steps);
        }

        @Override
        public void warn(String message) {
            next.warn(message);
        }

        @Override
        public boolean cancelled() {
            return next.cancelled();
        }
    }
}
