package org.talkfx.effect;

import com.sun.jna.Memory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.engine.HeadTracks;
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
import org.talkfx.service.JobState;
import org.talkfx.service.JobStatus;
import org.talkfx.service.RenderService;
import org.talkfx.service.ServiceConfig;
import org.talkfx.shot.RegionKind;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talkfx.effect.TalkFxParams.*;

/**
 * Heads-only redubbing end to end: the render service (tiny model, CPU, one window) finds the face on a 96x96
 * clip cut from astronaut.png with the real BlazeFace model, generates inside the head mask only and caches the
 * tracks; the effect composites with those cached tracks. A clip without a face fails with advice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeadsOnlyTest {
    private static final int SIZE = 96;
    private static final int FRAMES = 10;

    @TempDir
    static Path tmp;
    static Path media;
    static RenderService service;
    static EffectEnvironment env;
    static MapParams params;

    @BeforeAll
    static void start() throws IOException {
        media = Files.createDirectories(tmp.resolve("media"));
        Path model = TinyModel.write(tmp.resolve("models/tiny"), 7);
        writeAstronautClip(media.resolve("astronaut.mp4"));
        writeGradientClip(media.resolve("pattern.mp4"));
        EffectServiceTest.writeWav(media.resolve("anna.wav"), 0.3, 220);
        Path state = tmp.resolve("state");
        Path cache = tmp.resolve("cache");
        ServiceConfig config = ServiceConfig.local(state, List.of(tmp), cache, tmp.resolve("gpu.lock"));
        service = RenderService.start(config, new PipelineExecutor(tmp.resolve("prompt-cache")));
        env = new EffectEnvironment(state, cache, List.of("false"), List.of("false"));
        params = MapParams.defaults();
        params.setString(SOURCE_MEDIA, media.resolve("astronaut.mp4").toString());
        params.setString(speakerAudio(1), media.resolve("anna.wav").toString());
        params.setString(MODEL_DIR, model.toString());
        params.setInteger(STEPS, 1);
        params.setNumber(TEXT_GUIDANCE, 1.0);
        params.setNumber(AUDIO_GUIDANCE, 1.0);
        params.setInteger(SEED, 5);
        params.setInteger(REGION, RegionKind.HEADS_ONLY.ordinal());
        params.setNumber(FEATHER, 6.0);
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void headsOnlyChangesTheHeadAndKeepsEveryOtherPixel() throws IOException {
        ShotController c = new ShotController(params, env);
        assertThat(c.headAlpha(0, 25, SIZE, SIZE)).as("no tracks before the first job").isEmpty();
        JobStatus end = c.generate(e -> { }, () -> false);
        assertThat(end.state()).as("job error: %s", end.error()).isEqualTo(JobState.DONE);
        assertThat(end.windows()).isEqualTo(1);
        try (Stream<Path> s = Files.list(env.cacheRoot().resolve(HeadTracks.DIRECTORY))) {
            assertThat(s.toList()).as("the tracks are cached by source content").hasSize(1);
        }

        List<byte[]> source = decode(media.resolve("astronaut.mp4"));
        int frames = 0;
        for (int t = 0; t < 7; t++) {
            ShotController.Lookup l = c.lookup(t, 25);
            assertThat(l.hit()).as("frame %d: %s", t, l.status()).isTrue();
            float[] alpha = c.headAlpha(t, 25, SIZE, SIZE).orElseThrow();
            int outside = 0;
            int insideChanged = 0;
            int inside = 0;
            for (int p = 0; p < SIZE * SIZE; p++) {
                boolean same = l.rgb()[3 * p] == source.get(t)[3 * p] && l.rgb()[3 * p + 1] == source.get(t)[3 * p + 1]
                        && l.rgb()[3 * p + 2] == source.get(t)[3 * p + 2];
                if (alpha[p] == 0f) {
                    outside++;
                    assertThat(same).as("frame %d pixel %d outside the feathered mask", t, p).isTrue();
                } else if (alpha[p] == 1f) {
                    inside++;
                    insideChanged += same ? 0 : 1;
                }
            }
            assertThat(outside).as("most of the frame is not head").isGreaterThan(SIZE * SIZE / 3);
            assertThat(inside).as("the head is found").isGreaterThan(200);
            assertThat(insideChanged).as("frame %d: the head is regenerated", t).isGreaterThan(inside / 2);
            frames++;
        }
        assertThat(frames).isEqualTo(7);
    }

    @Test
    @Order(2)
    void theEffectCompositesTheCachedFrameInsideTheCachedHeadMask() {
        ShotController c = new ShotController(params, env);
        ShotController.Lookup l = c.lookup(3, 25);
        float[] support = TalkFxInstance.support(c.headAlpha(3, 25, SIZE, SIZE).orElseThrow());
        int rowBytes = SIZE * 4;
        Memory srcMem = new Memory((long) rowBytes * SIZE);
        Memory dstMem = new Memory((long) rowBytes * SIZE);
        for (int i = 0; i < rowBytes * SIZE; i++) {
            srcMem.setByte(i, (byte) (i * 13 + 1));
            dstMem.setByte(i, (byte) 0x5A);
        }
        RectI bounds = new RectI(0, 0, SIZE, SIZE);
        Image src = new Image(srcMem.share(0), bounds, rowBytes, PixelDepth.BYTE, Components.RGBA,
                new double[]{1, 1}, () -> { });
        Image dst = new Image(dstMem.share(0), bounds, rowBytes, PixelDepth.BYTE, Components.RGBA,
                new double[]{1, 1}, () -> { });
        Compositor.write(src, dst, bounds, l.rgb(), support, () -> false);
        ByteBuffer s = src.bytes();
        ByteBuffer d = dst.bytes();
        int taken = 0;
        for (int row = 0; row < SIZE; row++) {
            int y = SIZE - 1 - row; // OFX rows count from the bottom
            for (int x = 0; x < SIZE; x++) {
                int at = src.pixelOffset(x, y);
                int p = row * SIZE + x;
                for (int k = 0; k < 4; k++) {
                    byte expected = support[p] == 0f || k == 3 ? s.get(at + k) : l.rgb()[3 * p + k];
                    assertThat(d.get(at + k)).as("pixel %d,%d channel %d", x, row, k).isEqualTo(expected);
                }
                taken += support[p] > 0 ? 1 : 0;
            }
        }
        assertThat(taken).isGreaterThan(200).isLessThan(SIZE * SIZE * 2 / 3);
    }

    @Test
    @Order(3)
    void featherAndExpandShapeTheRegeneratedAreaSoTheyAreInTheKey() {
        ShotController c = new ShotController(params, env);
        assertThat(c.lookup(3, 25).hit()).isTrue();
        params.setNumber(EXPAND, 2.0);
        c.paramsChanged();
        assertThat(c.lookup(3, 25).hit()).as("a grown head area needs new frames").isFalse();
        params.setNumber(EXPAND, 0.0);
        c.paramsChanged();
        assertThat(c.lookup(3, 25).hit()).isTrue();
    }

    @Test
    @Order(4)
    void anImageIsAnimatedAndCompositedOntoTheStillInsideTheHeadMask() throws IOException {
        Path still = media.resolve("astronaut.png");
        BufferedImage picture = astronautFrame(0);
        ImageIO.write(picture, "png", still.toFile());
        params.setString(SOURCE_MEDIA, still.toString());
        ShotController c = new ShotController(params, env);
        JobStatus end = c.generate(e -> { }, () -> false);
        assertThat(end.state()).as("job error: %s", end.error()).isEqualTo(JobState.DONE);
        byte[] source = rgb(picture);
        for (int t : new int[]{0, 6}) {
            byte[] frame = c.lookup(t, 25).rgb();
            float[] alpha = c.headAlpha(t, 25, SIZE, SIZE).orElseThrow();
            int changed = 0;
            for (int p = 0; p < SIZE * SIZE; p++) {
                boolean same = frame[3 * p] == source[3 * p] && frame[3 * p + 1] == source[3 * p + 1]
                        && frame[3 * p + 2] == source[3 * p + 2];
                if (alpha[p] == 0f) {
                    assertThat(same).as("frame %d pixel %d outside the head", t, p).isTrue();
                } else if (alpha[p] == 1f && !same) {
                    changed++;
                }
            }
            assertThat(changed).as("frame %d: the head is animated", t).isGreaterThan(200);
        }
        params.setString(SOURCE_MEDIA, media.resolve("astronaut.mp4").toString());
    }

    @Test
    @Order(5)
    void aClipWithoutAFaceFailsWithAdviceInsteadOfRedubbingTheWholeFrame() throws IOException {
        params.setString(SOURCE_MEDIA, media.resolve("pattern.mp4").toString());
        ShotController c = new ShotController(params, env);
        JobStatus end = c.generate(e -> { }, () -> false);
        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.error()).contains("pattern.mp4").contains("found no face").contains("Mask clip")
                .contains("--head-box");
        assertThat(c.lookup(0, 25).hit()).as("nothing was cached").isFalse();
        assertThat(c.headAlpha(0, 25, 64, 64)).isEmpty();
        params.setString(SOURCE_MEDIA, media.resolve("astronaut.mp4").toString());
    }

    private static List<byte[]> decode(Path file) {
        List<byte[]> frames = new ArrayList<>();
        VideoDecoder.forEach(file, VideoRequest.atModelRate(), f -> frames.add(f.rgb()));
        return frames;
    }

    /** Colour ramps that drift, nothing like a face (a flat disc on a ramp does fool BlazeFace). */
    private static void writeGradientClip(Path file) {
        try (VideoEncoder enc = VideoEncoder.open(file, EncodeSettings.of(OutputFormat.H264_MP4, 64, 64, 25),
                EncodeProgress.NONE)) {
            for (int i = 0; i < FRAMES; i++) {
                byte[] rgb = new byte[64 * 64 * 3];
                for (int p = 0; p < 64 * 64; p++) {
                    rgb[3 * p] = (byte) ((p % 64) * 4);
                    rgb[3 * p + 1] = (byte) ((p / 64) * 4);
                    rgb[3 * p + 2] = (byte) (40 + i * 8);
                }
                enc.write(rgb);
            }
            enc.finish();
        }
    }

    /** The astronaut's head and shoulders scaled to 96x96, drifting one source pixel a frame. */
    private static void writeAstronautClip(Path file) throws IOException {
        EncodeSettings settings = EncodeSettings.of(OutputFormat.H264_MP4, SIZE, SIZE, 25);
        try (VideoEncoder enc = VideoEncoder.open(file, settings, EncodeProgress.NONE)) {
            for (int i = 0; i < FRAMES; i++) {
                enc.write(rgb(astronautFrame(i)));
            }
            enc.finish();
        }
    }

    private static BufferedImage astronautFrame(int i) throws IOException {
        Path root = Path.of(System.getProperty("talkfx.root", ".."));
        Path png = root.resolve("deps/images/astronaut.png");
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException(png.toAbsolutePath() + " is missing: run scripts/install-test-deps");
        }
        BufferedImage portrait = ImageIO.read(png.toFile());
        BufferedImage frame = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(portrait, 0, 0, SIZE, SIZE, 90 + i, 0, 346 + i, 256, null);
        g.dispose();
        return frame;
    }

    private static byte[] rgb(BufferedImage frame) {
        byte[] rgb = new byte[SIZE * SIZE * 3];
        for (int p = 0; p < SIZE * SIZE; p++) {
            int v = frame.getRGB(p % SIZE, p / SIZE);
            rgb[3 * p] = (byte) (v >> 16);
            rgb[3 * p + 1] = (byte) (v >> 8);
            rgb[3 * p + 2] = (byte) v;
        }
        return rgb;
    }
}
