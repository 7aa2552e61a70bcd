package org.talkfx.service;

import org.talkfx.cache.CacheEntry;
import org.talkfx.cache.EntryWriter;
import org.talkfx.shot.Speaker;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, small generation engine for the service tests: reads the source image (binary PPM) and the speakers'
 * WAV audio, and renders {@value #FRAMES_PER_WINDOW} frames per window whose brightness follows each speaker's
 * loudness at that frame's time (gain, offset and in/out trim applied). Each window's first frame blends in the previous
 * window's last frame from the cache, so windows depend on each other as InfiniteTalk's do. The sampler steps
 * are simulated with an optional delay per step ({@code -Dtalkfx.testPattern.stepMillis}), so that tests can
 * cancel and kill mid-window.
 */
public final class TestPatternExecutor implements JobExecutor {
    static final int FRAMES_PER_WINDOW = 4;

    private final long stepMillis;
    final AtomicInteger windowsGenerated = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    /** The seed of each job, in the order their first generated window started. */
    final List<Long> jobOrder = new CopyOnWriteArrayList<>();

    public TestPatternExecutor() {
        this(Long.getLong("talkfx.testPattern.stepMillis", 0));
    }

    TestPatternExecutor(long stepMillis) {
        this.stepMillis = stepMillis;
    }

    @Override
    public String name() {
        return "test-pattern";
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public String modelIdentity(ShotInputs inputs) {
        return "test-pattern/1";
    }

    static double fps(ShotInputs in) {
        Double f = in.setup().source().fpsFallback();
        return f == null ? 25 : f;
    }

    @Override
    public int windowCount(ShotInputs in) throws Exception {
        double end = 0;
        List<Speaker> speakers = in.setup().enabledSpeakers();
        for (int i = 0; i < speakers.size(); i++) {
            Speaker sp = speakers.get(i);
            double fileEnd = samples(in.audio().get(i)).length / (double) TestMedia.SAMPLE_RATE;
            end = Math.max(end, sp.offsetSeconds() + (sp.audioOut() == null ? fileEnd : Math.min(fileEnd, sp.audioOut())));
        }
        return Math.max(1, (int) Math.ceil(end * fps(in) / FRAMES_PER_WINDOW));
    }

    @Override
    public void generateWindow(ShotInputs in, WindowContext window, EntryWriter out, JobHandle handle) throws Exception {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (window.index() == 0 || jobOrder.isEmpty() || jobOrder.get(jobOrder.size() - 1) != in.setup().generation().effectiveSeed()) {
                jobOrder.add(in.setup().generation().effectiveSeed());
            }
            Image src = readPpm(in.source());
            List<Speaker> speakers = in.setup().enabledSpeakers();
            List<short[]> audio = new ArrayList<>();
            for (Path a : in.audio()) {
                audio.add(samples(a));
            }
            byte[] context = null;
            if (window.index() > 0) {
                CacheEntry prev = window.previous().orElseThrow(() -> new IllegalStateException(
                        "window " + (window.index() - 1) + " is missing from the cache"));
                context = Files.readAllBytes(prev.file(EntryWriter.frameName(FRAMES_PER_WINDOW - 1)));
            }
            int steps = in.setup().generation().effectiveSteps();
            for (int s = 1; s <= steps; s++) {
                if (stepMillis > 0) {
                    Thread.sleep(stepMillis);
                }
                handle.checkCancelled();
                handle.step(s, steps);
            }
            double fps = fps(in);
            for (int j = 0; j < FRAMES_PER_WINDOW; j++) {
                double t = (window.index() * FRAMES_PER_WINDOW + j) / fps;
                double loud = 0;
                for (int k = 0; k < speakers.size(); k++) {
                    Speaker sp = speakers.get(k);
                    double fileTime = t - sp.offsetSeconds();
                    boolean plays = (sp.audioIn() == null || fileTime >= sp.audioIn()) && (sp.audioOut() == null || fileTime < sp.audioOut());
                    if (plays) {
                        loud += rms(audio.get(k), fileTime, 1 / fps) * Math.pow(10, sp.gainDb() / 20);
                    }
                }
                byte[] rgb = new byte[src.rgb.length];
                for (int p = 0; p < rgb.length; p++) {
                    double v = (src.rgb[p] & 0xff) + 150 * loud;
                    if (j == 0 && context != null) {
                        v = 0.5 * v + 0.5 * (context[p] & 0xff);
                    }
                    rgb[p] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
                out.writeFrameRgb(j, rgb);
            }
            windowsGenerated.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    record Image(int width, int height, byte[] rgb) {
    }

    static Image readPpm(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        String[] header = new String[4];
        int pos = 0;
        for (int field = 0; field < 4; field++) {
            while (Character.isWhitespace(b[pos])) {
                pos++;
            }
            int start = pos;
            while (!Character.isWhitespace(b[pos])) {
                pos++;
            }
            header[field] = new String(b, start, pos - start, StandardCharsets.US_ASCII);
        }
        pos++;
        if (!header[0].equals("P6") || !header[3].equals("255")) {
            throw new IOException(file + ": not an 8-bit binary PPM");
        }
        int w = Integer.parseInt(header[1]);
        int h = Integer.parseInt(header[2]);
        byte[] rgb = new byte[w * h * 3];
        System.arraycopy(b, pos, rgb, 0, rgb.length);
        return new Image(w, h, rgb);
    }

    static short[] samples(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleSizeInBits() != 16 || f.getChannels() != 1 || f.isBigEndian() || f.getSampleRate() != TestMedia.SAMPLE_RATE) {
                throw new IOException(wav + ": expected 16-bit mono little-endian PCM at " + TestMedia.SAMPLE_RATE + " Hz");
            }
            byte[] b = in.readAllBytes();
            short[] s = new short[b.length / 2];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
            }
            return s;
        }
    }

    /** Loudness (RMS, 0..1) of {@code samples} in [start, start + length) seconds; silence outside the file. */
    static double rms(short[] samples, double start, double length) {
        int a = (int) Math.floor(start * TestMedia.SAMPLE_RATE);
        int n = (int) Math.round(length * TestMedia.SAMPLE_RATE);
        double sum = 0;
        for (int i = a; i < a + n; i++) {
            if (i >= 0 && i < samples.length) {
                sum += (samples[i] / 32768.0) * (samples[i] / 32768.0);
            }
        }
        return Math.sqrt(sum / n);
    }
}
