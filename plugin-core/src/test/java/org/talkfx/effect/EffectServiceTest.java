package org.talkfx.effect;

import com.sun.jna.Memory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cache.RenderCache;
import org.talkfx.engine.PipelineExecutor;
import org.talkfx.inference.pipeline.TinyModel;
import org.talkfx.media.EncodeProgress;
import org.talkfx.media.EncodeSettings;
import org.talkfx.media.OutputFormat;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoEncoder;
import org.talkfx.media.VideoRequest;
import org.talkfx.ofx.image.Components;
import org.talkfx.ofx.image.Image;
import org.talkfx.ofx.image.PixelDepth;
import org.talkfx.ofx.image.RectI;
import org.talkfx.service.JobEvent;
import org.talkfx.service.JobState;
import org.talkfx.service.JobStatus;
import org.talkfx.service.RenderService;
import org.talkfx.service.ServiceConfig;
import org.talkfx.service.ServiceUnavailableException;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talkfx.effect.TalkFxParams.*;

/**
 * The effect's controller against a real render service running the pipeline executor with the tiny model on
 * CPU: 64x64 source, 0.8 s of audio = 20 frames = 2 windows of 17/5 frames.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EffectServiceTest {
    private static final int SIZE = 64;

    @TempDir
    static Path tmp;
    static Path media;
    static Path model;
    static RenderService service;
    static ServiceConfig config;
    static PipelineExecutor executor = new PipelineExecutor(); // kept across the restart: the model stays loaded
    static EffectEnvironment env;
    static MapParams params;
    static List<byte[]> firstRun = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        media = Files.createDirectories(tmp.resolve("media"));
        model = TinyModel.write(tmp.resolve("models/tiny"), 7);
        writeVideo(media.resolve("clip.mp4"), 30);
        writeWav(media.resolve("anna.wav"), 0.8, 220);
        Path state = tmp.resolve("state");
        Path cache = tmp.resolve("cache");
        config = ServiceConfig.local(state, List.of(tmp), cache, tmp.resolve("gpu.lock"));
        service = RenderService.start(config, executor);
        env = new EffectEnvironment(state, cache, List.of("false"), List.of(tmp.resolve("no-such-talkfx").toString(), "panel"));
        params = MapParams.defaults();
        params.setString(SOURCE_MEDIA, media.resolve("clip.mp4").toString());
        params.setString(speakerAudio(1), media.resolve("anna.wav").toString());
        params.setString(MODEL_DIR, model.toString());
        params.setInteger(STEPS, 1);
        params.setNumber(TEXT_GUIDANCE, 1.0); // guidance 1: one model call per step
        params.setNumber(AUDIO_GUIDANCE, 1.0);
        params.setInteger(SEED, 5);
        params.setString(SETUP_FILE, media.resolve("shot.talkfx.json").toString());
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void parametersRoundTripThroughTheStoredDocument() throws IOException {
        ShotController c = new ShotController(params, env);
        c.paramsChanged();
        ShotSetup setup = c.setup();
        assertThat(c.problems()).isEmpty();
        assertThat(setup.generation().steps()).isEqualTo(1);
        assertThat(setup.speakers()).hasSize(1);
        String stored = params.string(SETUP_JSON);
        assertThat(stored).contains("anna.wav");

        // the host saves the param values, the instance is destroyed, the project is reopened
        MapParams reopened = params.copy();
        ShotController again = new ShotController(reopened, env);
        assertThat(again.setup()).isEqualTo(setup);

        // what no parameter shows survives parameter edits: the panel sets a face track in the setup file
        Path file = media.resolve("shot.talkfx.json");
        assertThat(new ShotSetupFile().load(file)).isEqualTo(setup);
        ShotSetup withFace = setup.withSpeakers(List.of(new org.talkfx.shot.Speaker(
                setup.speakers().get(0).audio(), 0.0, 0.0, true, 0)));
        new ShotSetupFile().save(file, withFace);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertThat(again.setup().speakers().get(0).faceTrack()).isEqualTo(0);
        reopened.setNumber(speakerGain(1), -3.0);
        again.paramsChanged();
        assertThat(again.setup().speakers().get(0).faceTrack()).isEqualTo(0);
        assertThat(again.setup().speakers().get(0).gainDb()).isEqualTo(-3.0);
        // back to the shared state for the next tests
        new ShotSetupFile().save(file, setup);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4000));
    }

    @Test
    @Order(2)
    void generateFillsTheCacheAndRenderFindsEveryFrame() throws IOException {
        ShotController c = new ShotController(params, env);
        assertThat(c.lookup(0, 25).hit()).isFalse();
        assertThat(c.lookup(0, 25).status()).contains("not generated yet");
        List<JobEvent> events = new ArrayList<>();
        JobStatus end = c.generate(events::add, () -> false);
        assertThat(end.state()).as("job error: %s", end.error()).isEqualTo(JobState.DONE);
        assertThat(end.windows()).isEqualTo(2);
        assertThat(end.windowsCached()).isZero();
        assertThat(events).anyMatch(e -> e.type().equals("progress"));

        List<byte[]> source = decodeSource();
        int differing = 0;
        for (int t = 0; t < 20; t++) {
            ShotController.Lookup l = c.lookup(t, 25);
            assertThat(l.hit()).as("frame %d: %s", t, l.status()).isTrue();
            assertThat(l.width()).isEqualTo(SIZE);
            assertThat(l.rgb()).hasSize(SIZE * SIZE * 3);
            differing += java.util.Arrays.equals(l.rgb(), source.get(t)) ? 0 : 1;
            firstRun.add(l.rgb());
        }
        assertThat(differing).as("generated frames differ from the source").isEqualTo(20);
        // a 50 fps clip shows each generated frame twice
        assertThat(c.lookup(3, 50).rgb()).isEqualTo(firstRun.get(1));
        assertThat(c.lookup(24, 25).hit()).isFalse();
    }

    @Test
    @Order(3)
    void aSecondRunIsACacheHit() throws IOException {
        ShotController c = new ShotController(params, env);
        JobStatus end = c.generate(e -> { }, () -> false);
        assertThat(end.state()).isEqualTo(JobState.DONE);
        assertThat(end.windowsCached()).isEqualTo(2);
        assertThat(c.lookup(19, 25).rgb()).isEqualTo(firstRun.get(19));
    }

    @Test
    @Order(4)
    void onlySettingsThatMatterInvalidate() throws IOException {
        ShotController c = new ShotController(params, env);
        params.setNumber(FEATHER, 20.0);
        params.setNumber(EXPAND, 3.0);
        c.paramsChanged();
        assertThat(c.lookup(10, 25).rgb()).as("feather/expand are compositing only").isEqualTo(firstRun.get(10));
        params.setInteger(SEED, 6);
        c.paramsChanged();
        assertThat(c.lookup(10, 25).hit()).as("a new seed needs new frames").isFalse();
        params.setInteger(SEED, 5);
        c.paramsChanged();
        assertThat(c.lookup(10, 25).rgb()).isEqualTo(firstRun.get(10));
    }

    @Test
    @Order(5)
    void aServiceThatDiesMidJobIsReportedAndARestartResumesAtTheMissingWindow() throws Exception {
        ShotController c = new ShotController(params, env);
        RenderCache cache = new RenderCache(env.cacheRoot(), EffectEnvironment.CACHE_MAX_BYTES);
        cache.remove(c.key(1)); // window 1 of 2 is missing
        assertThat(c.lookup(18, 25).hit()).isFalse();
        assertThat(c.lookup(5, 25).hit()).isTrue();
        Thread[] stopper = {null};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.generate(e -> {
                    if (e.type().equals("progress") && stopper[0] == null) {
                        // the service goes away mid-window (its job stays stored, as after a crash)
                        stopper[0] = new Thread(() -> {
                            try {
                                service.close();
                            } catch (IOException ignored) {
                                // the test checks what the client saw
                            }
                        });
                        stopper[0].start();
                    }
                }, () -> false))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("the render service stopped while job")
                .hasMessageContaining("a restarted service resumes the job");
        stopper[0].join();
        assertThat(c.lookup(18, 25).hit()).as("the interrupted window left no entry").isFalse();

        service = RenderService.start(config, executor);
        ShotController.Lookup l = c.waitFor(18, 25, () -> false);
        assertThat(l.hit()).as(l.status()).isTrue();
        JobStatus resumed = c.lastJob().orElseThrow();
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.windowsCached()).as("window 0 was found in the cache").isEqualTo(1);
        for (int t = 0; t < 20; t++) {
            assertThat(c.lookup(t, 25).rgb()).as("frame %d equals the uninterrupted run", t).isEqualTo(firstRun.get(t));
        }
    }

    @Test
    @Order(6)
    void cancelStopsTheJobAndLeavesNoPartialEntry() throws IOException {
        ShotController c = new ShotController(params, env);
        params.setInteger(SEED, 77);
        params.setInteger(STEPS, 3); // more places to notice the cancel
        c.paramsChanged();
        int entriesBefore = new RenderCache(env.cacheRoot(), EffectEnvironment.CACHE_MAX_BYTES).entries().size();
        boolean[] progressed = {false};
        JobStatus end = c.generate(e -> progressed[0] |= e.type().equals("progress"), () -> progressed[0]);
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
        assertThat(c.lookup(0, 25).hit()).isFalse();
        RenderCache cache = new RenderCache(env.cacheRoot(), EffectEnvironment.CACHE_MAX_BYTES);
        assertThat(cache.entries()).hasSize(entriesBefore);
        try (Stream<Path> s = Files.list(env.cacheRoot().resolve("tmp"))) {
            assertThat(s.toList()).as("no half-written entry").isEmpty();
        }
        assertThat(c.cancel()).as("nothing left to cancel").isFalse();
        params.setInteger(SEED, 5);
        params.setInteger(STEPS, 1);
        c.paramsChanged();
    }

    @Test
    @Order(7)
    void headsOnlyKeepsEveryPixelOutsideTheFeatheredMask() {
        byte[] generated = firstRun.get(12);
        // a host image: RGBA 8-bit, bottom-up rows (negative row bytes) with padding, as MLT hands them over
        int rowBytes = SIZE * 4 + 8;
        Memory srcMem = new Memory((long) rowBytes * SIZE);
        Memory dstMem = new Memory((long) rowBytes * SIZE);
        {
            for (int i = 0; i < rowBytes * SIZE; i++) {
                srcMem.setByte(i, (byte) (i * 31 + 7));
                dstMem.setByte(i, (byte) 0xAB);
            }
            RectI bounds = new RectI(0, 0, SIZE, SIZE);
            // pixel0 of a bottom-up image is the highest row in memory
            Image src = new Image(srcMem.share((long) rowBytes * (SIZE - 1)), bounds, -rowBytes, PixelDepth.BYTE,
                    Components.RGBA, new double[]{1, 1}, () -> { });
            Image dst = new Image(dstMem.share((long) rowBytes * (SIZE - 1)), bounds, -rowBytes, PixelDepth.BYTE,
                    Components.RGBA, new double[]{1, 1}, () -> { });
            float[] mask = new float[SIZE * SIZE];
            for (int y = 24; y < 40; y++) {
                for (int x = 20; x < 44; x++) {
                    mask[y * SIZE + x] = 1f;
                }
            }
            float[] alpha = RegionAlpha.of(mask, SIZE, SIZE, 2, 6);
            Compositor.write(src, dst, bounds, generated, alpha, () -> false);
            ByteBuffer s = src.bytes().order(ByteOrder.nativeOrder());
            ByteBuffer d = dst.bytes().order(ByteOrder.nativeOrder());
            int outside = 0;
            int inside = 0;
            for (int row = 0; row < SIZE; row++) {
                int y = SIZE - 1 - row;
                for (int x = 0; x < SIZE; x++) {
                    int at = src.pixelOffset(x, y);
                    float a = alpha[row * SIZE + x];
                    if (a == 0f) {
                        outside++;
                        for (int k = 0; k < 4; k++) {
                            assertThat(d.get(at + k)).as("pixel %d,%d", x, row).isEqualTo(s.get(at + k));
                        }
                    } else if (a == 1f) {
                        inside++;
                        for (int c = 0; c < 3; c++) {
                            assertThat(d.get(at + c)).isEqualTo(generated[3 * (row * SIZE + x) + c]);
                        }
                        assertThat(d.get(at + 3)).as("alpha kept").isEqualTo(s.get(at + 3));
                    }
                }
            }
            assertThat(outside).isGreaterThan(SIZE * SIZE / 2);
            assertThat(inside).isGreaterThan(100);
        }
    }

    @Test
    @Order(8)
    void openPanelWithoutTheCommandSaysWhatIsMissing() {
        ShotController c = new ShotController(params, env);
        org.assertj.core.api.Assertions.assertThatThrownBy(c::openPanel)
                .hasMessageContaining("cannot start the TalkFX panel")
                .hasMessageContaining("TALKFX_HOME");
    }

    private static List<byte[]> decodeSource() {
        List<byte[]> frames = new ArrayList<>();
        VideoDecoder.forEach(media.resolve("clip.mp4"), VideoRequest.atModelRate(), f -> frames.add(f.rgb()));
        return frames;
    }

    static void writeVideo(Path file, int frames) {
        EncodeSettings settings = EncodeSettings.of(OutputFormat.H264_MP4, SIZE, SIZE, 25);
        try (VideoEncoder enc = VideoEncoder.open(file, settings, EncodeProgress.NONE)) {
            for (int i = 0; i < frames; i++) {
                byte[] rgb = new byte[SIZE * SIZE * 3];
                for (int p = 0; p < SIZE * SIZE; p++) {
                    int x = p % SIZE;
                    int y = p / SIZE;
                    boolean face = (x - 32) * (x - 32) + (y - 30) * (y - 30) < 150;
                    rgb[3 * p] = (byte) (face ? 220 : x * 3);
                    rgb[3 * p + 1] = (byte) (face ? 170 : y * 3);
                    rgb[3 * p + 2] = (byte) (face ? 140 : 90 + i * 2);
                }
                enc.write(rgb);
            }
            enc.finish();
        }
    }

    /** 16-bit mono WAV at 16 kHz: a tone whose loudness comes and goes like syllables. */
    static void writeWav(Path file, double seconds, double hz) throws IOException {
        int rate = 16000;
        int n = (int) (seconds * rate);
        ByteBuffer pcm = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        pcm.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            pcm.putShort((short) Math.round(12000 * envelope * Math.sin(2 * Math.PI * hz * t)));
        }
        Files.write(file, pcm.array());
    }
}
