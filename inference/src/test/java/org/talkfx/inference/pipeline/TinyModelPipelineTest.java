package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.sampler.GuidanceSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole pipeline on the real networks at tiny sizes with random weights, loaded from a written model folder. */
class TinyModelPipelineTest {
    @TempDir
    static Path tmp;
    private static NDManager manager;
    private static NetworkModel model;

    @BeforeAll
    static void load() {
        manager = Engines.pytorch().newBaseManager();
        model = NetworkModel.load(manager, TinyModel.write(tmp.resolve("tiny"), 7));
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    static GenerationSettings fast() {
        return Preset.FINAL.settings(false).withWindow(9, 5).withSteps(2);
    }

    static RgbImage noiseImage(int w, int h, long seed) {
        byte[] rgb = new byte[3 * w * h];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(w, h, rgb);
    }

    static SpeakerTrack tone(double seconds, double hz, double offset) {
        float[] s = new float[(int) (seconds * 16000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        return new SpeakerTrack(Path.of("tone-" + hz + ".wav"), s, 1f, offset);
    }

    private RenderResult render(RenderRequest r, long seed) {
        return new ShotRenderer(model, manager).render(r, NoiseSource.seeded(seed), GenerationListener.NONE);
    }

    private static RenderRequest i2v(GenerationSettings s, SpeakerTrack... speakers) {
        return new RenderRequest(Path.of("face.png"), List.of(noiseImage(48, 40, 1)), true, List.of(speakers),
                AudioMode.PARA, List.of(), null, 0, Resolution.fixed(32, 32), s);
    }

    @Test
    void imageToVideoOverSeveralWindowsGivesOneFramePerAudioFrame() {
        RenderResult r = render(i2v(fast(), tone(0.6, 220, 0)), 1);
        assertThat(r.frames()).hasSize(15);
        assertThat(r.windows()).isEqualTo(3);
        assertThat(r.mix16k()).hasSize(15 * 640);
        assertThat(r.frames().get(0).width()).isEqualTo(32);
        assertThat(r.frames().get(6).rgb()).isNotEqualTo(r.frames().get(14).rgb());
    }

    @Test
    void sameSeedSameFramesOtherSeedOtherFrames() {
        GenerationSettings s = fast().withGuidance(GuidanceSettings.of(1f, 1f));
        RenderResult a = render(i2v(s, tone(0.4, 300, 0)), 5);
        RenderResult b = render(i2v(s, tone(0.4, 300, 0)), 5);
        RenderResult c = render(i2v(s, tone(0.4, 300, 0)), 6);
        assertThat(a.frames()).hasSize(10);
        for (int i = 0; i < a.frames().size(); i++) {
            assertThat(a.frames().get(i).rgb()).isEqualTo(b.frames().get(i).rgb());
        }
        assertThat(a.frames().get(9).rgb()).isNotEqualTo(c.frames().get(9).rgb());
    }

    @Test
    void videoToVideoLongerAudioExtendsFromTheLastFrame() {
        List<RgbImage> video = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            video.add(noiseImage(40, 40, 100 + i));
        }
        RenderRequest r = new RenderRequest(Path.of("clip.mp4"), video, false, List.of(tone(0.52, 180, 0)),
                AudioMode.PARA, List.of(), null, 0, Resolution.fixed(32, 32), fast());
        RenderResult out = render(r, 3);
        assertThat(out.frames()).hasSize(13);
        assertThat(out.windows()).isEqualTo(2);
        assertThat(out.warnings()).anyMatch(w -> w.contains("longer than the source video"));
    }

    @Test
    void headOnlyLeavesEveryPixelOutsideTheFeatheredMaskUntouched() {
        int w = 44;
        int h = 36;
        List<RgbImage> video = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            video.add(noiseImage(w, h, 500 + i));
        }
        float[] head = new float[w * h];
        for (int y = 8; y < 24; y++) {
            for (int x = 14; x < 30; x++) {
                head[y * w + x] = 1f;
            }
        }
        RenderRequest r = new RenderRequest(Path.of("clip.mp4"), video, false, List.of(tone(0.52, 250, 0)),
                AudioMode.PARA, List.of(), f -> head, 2, Resolution.fixed(32, 32), fast());
        RenderResult out = render(r, 9);
        assertThat(out.frames()).hasSize(13);
        float[] alpha = HeadComposite.feather(head, w, h, 2);
        int changedInside = 0;
        for (int i = 0; i < 13; i++) {
            RgbImage src = video.get(i);
            RgbImage fin = out.finalFrame(i, src);
            for (int p = 0; p < w * h; p++) {
                for (int c = 0; c < 3; c++) {
                    if (alpha[p] == 0f) {
                        assertThat(fin.rgb()[3 * p + c]).as("frame %d pixel %d", i, p).isEqualTo(src.rgb()[3 * p + c]);
                    } else if (alpha[p] == 1f && fin.rgb()[3 * p + c] != src.rgb()[3 * p + c]) {
                        changedInside++;
                    }
                }
            }
        }
        assertThat(changedInside).isGreaterThan(500);
    }

    @Test
    void speakersAreRoutedByTheirMasks() {
        List<DenoiseInput> calls = new ArrayList<>();
        GenerationModel recording = new RecordingModel(model, calls);
        for (int speakers : new int[]{2, 4}) {
            calls.clear();
            List<SpeakerTrack> tracks = new ArrayList<>();
            List<SpeakerRegion> regions = new ArrayList<>();
            for (int k = 0; k < speakers; k++) {
                tracks.add(tone(0.5, 200 + 100 * k, 0));
                regions.add(SpeakerRegion.box(64, 32, k * 64 / speakers, 0, (k + 1) * 64 / speakers, 32));
            }
            List<String> warnings = new ArrayList<>();
            RenderRequest r = new RenderRequest(Path.of("duo.png"), List.of(noiseImage(64, 32, 2)), true, tracks,
                    AudioMode.ADD, regions, null, 0, Resolution.fixed(64, 32),
                    fast().withGuidance(GuidanceSettings.of(1f, 4f)).withMaxFrames(9));
            RenderResult out = new ShotRenderer(recording, manager).render(r, NoiseSource.seeded(1),
                    new GenerationListener() {
                        @Override
                        public void warn(String message) {
                            warnings.add(message);
                        }
                    });
            assertThat(out.frames()).hasSize(9);
            assertThat(out.mix16k()).hasSize(9 * 640);
            DenoiseInput full = calls.get(0);
            assertThat(full.audio().getShape().get(0)).isEqualTo(speakers);
            assertThat(calls.get(1).audio()).as("null-audio condition").isNull();
            float[] masks = full.refTargetMasks().toFloatArray();
            int lw = 8;
            int lh = 4;
            for (int k = 0; k < speakers; k++) {
                for (int x = 0; x < lw; x++) {
                    boolean inside = x >= k * lw / speakers && x < (k + 1) * lw / speakers;
                    assertThat(masks[k * lh * lw + lw + x]).as("speaker %d column %d", k, x).isEqualTo(inside ? 1f : 0f);
                }
            }
            assertThat(warnings.stream().anyMatch(m -> m.contains("trained with at most 2"))).isEqualTo(speakers > 2);
        }
    }

    @Test
    void missingModelFilesAreListed() throws Exception {
        Path partial = tmp.resolve("partial");
        Files.createDirectories(partial);
        Files.copy(tmp.resolve("tiny/Wan2_1_VAE_tiny.safetensors"), partial.resolve("vae.safetensors"));
        assertThatThrownBy(() -> NetworkModel.load(manager, partial)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing model files").hasMessageContaining("dit:")
                .hasMessageContaining("wav2vec2:").hasMessageContaining("t5:").hasMessageNotContaining("vae:");
    }

    /** Passes every call to the real model and keeps the DiT inputs (copied out of the step's manager). */
    private record RecordingModel(GenerationModel inner, List<DenoiseInput> calls) implements GenerationModel {
        public String id() {
            return inner.id();
        }

        public int latentChannels() {
            return inner.latentChannels();
        }

        public int temporalStride() {
            return inner.temporalStride();
        }

        public int spatialStride() {
            return inner.spatialStride();
        }

        public int patchSize() {
            return inner.patchSize();
        }

        public NDArray encodeText(NDManager m, String prompt) {
            return inner.encodeText(m, prompt);
        }

        public NDArray encodeImage(NDManager m, NDArray image) {
            return inner.encodeImage(m, image);
        }

        public NDArray encodeVideo(NDManager m, NDArray video) {
            return inner.encodeVideo(m, video);
        }

        public NDArray decode(NDManager m, NDArray latents) {
            return inner.decode(m, latents);
        }

        public NDArray audioFeatures(NDManager m, float[] audio16k, int frames) {
            return inner.audioFeatures(m, audio16k, frames);
        }

        public NDArray denoise(NDManager m, DenoiseInput in) {
            calls.add(new DenoiseInput(null, in.t(), null, null, null, keep(in.audio()), keep(in.refTargetMasks())));
            return inner.denoise(m, in);
        }

        private static NDArray keep(NDArray a) {
            if (a == null) {
                return null;
            }
            NDArray copy = manager.create(a.toFloatArray(), a.getShape());
            return copy;
        }

        public void close() {
        }
    }
}
