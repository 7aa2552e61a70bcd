package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.sampler.FlowMatchSchedule;
import org.talkfx.inference.sampler.GuidanceSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Window arithmetic of the streaming loop, checked with a model whose output frames show their own index. */
class StreamingGeneratorTest {
    private static final int W = 32;
    private static final int H = 32;
    private NDManager manager;
    private RecognisableModel model;

    @BeforeEach
    void setUp() {
        manager = Engines.pytorch().newBaseManager();
        model = new RecognisableModel();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static GenerationSettings settings() {
        return Preset.DRAFT.settings(false).withWindow(17, 5).withSteps(2).withColorStrength(0f);
    }

    private List<float[]> run(FrameSource source, int audioFrames, GenerationSettings s, RegionMask headOnly) {
        List<float[]> frames = new ArrayList<>();
        ShotInput in = new ShotInput(source, List.of(RecognisableModel.indexFeatures(manager, audioFrames)),
                audioFrames, SpeakerMaskSource.single(), headOnly);
        int n = new StreamingGenerator(model, manager).run(in, s, NoiseSource.seeded(s.seed()),
                GenerationListener.NONE, (i, f) -> {
                    assertThat(i).isEqualTo(frames.size());
                    frames.add(f);
                });
        assertThat(n).isEqualTo(frames.size());
        return frames;
    }

    static FrameSource constantImage(float v) {
        float[] img = new float[3 * W * H];
        java.util.Arrays.fill(img, v);
        return FrameSource.image(img, W, H);
    }

    /** A video whose frame i is the constant −0.9 + i/1000. */
    static FrameSource indexedVideo(int count) {
        return new FrameSource() {
            public int width() {
                return W;
            }

            public int height() {
                return H;
            }

            public int frameCount() {
                return count;
            }

            public float[] frame(int index) {
                float[] f = new float[3 * W * H];
                java.util.Arrays.fill(f, -0.9f + Math.min(index, count - 1) / 1000f);
                return f;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 16, 17, 18, 29, 30, 200})
    void everyFrameOnceInOrderTrimmedToTheAudio(int audioFrames) {
        List<float[]> frames = run(constantImage(0.25f), audioFrames, settings(), null);
        assertThat(frames).hasSize(audioFrames);
        // frame 0 is the clean reference latent itself; every later frame shows its own index
        assertThat(frames.get(0)[0]).isCloseTo(0.25f, within(1e-6f));
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i)[0]).as("frame %d", i).isCloseTo(i / 1000f, within(1e-5f));
            assertThat(frames.get(i)[3 * W * H - 1]).isCloseTo(i / 1000f, within(1e-5f));
        }
        int windows = new WindowPlan(17, 5, audioFrames).windows();
        assertThat(model.denoiseCalls).isEqualTo(windows * 2);
        assertThat(model.clipInputs).as("an image is encoded once").hasSize(1).containsOnly(0.25f);
    }

    @Test
    void windowsAdvanceByFramesMinusContext() {
        WindowPlan plan = new WindowPlan(81, 9, 1000);
        assertThat(plan.advance()).isEqualTo(72);
        assertThat(plan.windows()).isEqualTo(14);
        assertThat(plan.start(13) + 81).isGreaterThanOrEqualTo(1000);
        assertThat(plan.start(12) + 81).isLessThan(1000);
        assertThat(new WindowPlan(81, 9, 81).windows()).isEqualTo(1);
        assertThat(new WindowPlan(81, 9, 82).windows()).isEqualTo(2);
        assertThatThrownBy(() -> new WindowPlan(80, 9, 100)).hasMessageContaining("4n+1");
    }

    @Test
    void videoReferenceIsSourceFrameAtEachWindowStartAndExtendsFromTheLastFrame() {
        List<float[]> frames = run(indexedVideo(30), 60, settings(), null);
        assertThat(frames).hasSize(60);
        int windows = new WindowPlan(17, 5, 60).windows();
        assertThat(model.clipInputs).hasSize(windows);
        for (int k = 0; k < windows; k++) {
            assertThat(model.clipInputs.get(k)).isCloseTo(-0.9f + Math.min(12 * k, 29) / 1000f, within(1e-6f));
        }
    }

    @Test
    void cleanContextIsReimposedBeforeEveryModelCall() {
        run(constantImage(0.1f), 40, settings().withSteps(3), null);
        // window 0 holds latent 0 = VAE(reference image) = 0.1; later windows hold their first frames' values
        for (int call = 0; call < model.denoiseCalls; call++) {
            int window = call / 3;
            float[] ctx = model.contextAtCall.get(call);
            int perLatent = ctx.length / 16 / 3; // [16, 3, h, w]: channel 0, latent 0 first
            if (window == 0) {
                assertThat(ctx[0]).isCloseTo(0.1f, within(1e-6f));
            } else {
                int start = 12 * window;
                assertThat(ctx[0]).isCloseTo(start / 1000f, within(1e-5f));
                // 5 context frames = 2 latents: frame start, then frames start+1..start+4
                assertThat(ctx[perLatent]).isCloseTo((start + 1) / 1000f, within(1e-5f));
                assertThat(ctx[16 * 3 * perLatent - 1]).as("latent 2 is noise, not context")
                        .isNotCloseTo((start + 8) / 1000f, within(1e-3f));
            }
        }
    }

    @Test
    void timestepsFollowTheScheduleInEveryWindow() {
        run(constantImage(0f), 30, settings().withSteps(4).withShift(5f), null);
        float[] t = FlowMatchSchedule.official(4, 5f).timesteps();
        assertThat(model.timesteps).hasSize(new WindowPlan(17, 5, 30).windows() * 4);
        for (int i = 0; i < model.timesteps.size(); i++) {
            assertThat(model.timesteps.get(i)).isEqualTo(t[i % 4]);
        }
    }

    @Test
    void threeCallsPerStepWithTextAndAudioGuidance() {
        GenerationSettings s = settings().withGuidance(GuidanceSettings.of(5f, 4f)).withPrompts("talk", "no");
        run(constantImage(0f), 17, s, null);
        assertThat(model.denoiseCalls).isEqualTo(2 * 3);
        assertThat(model.audioSpeakers).containsExactly(1L, 1L, 0L, 1L, 1L, 0L);
        assertThat(model.prompts).containsExactly("talk", "no");
    }

    @Test
    void headOnlyKeepsTheSourceLatentsOutsideTheMask() {
        float[] leftHalf = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                leftHalf[y * W + x] = 1f;
            }
        }
        List<float[]> frames = run(indexedVideo(100), 40, settings().withSteps(3), f -> leftHalf);
        assertThat(frames).hasSize(40);
        for (int i = 1; i < 40; i++) {
            float[] f = frames.get(i);
            assertThat(f[5 * W + 3]).as("inside, frame %d", i).isCloseTo(i / 1000f, within(1e-5f));
            assertThat(f[5 * W + W - 3]).as("outside, frame %d", i).isCloseTo(-0.9f + i / 1000f, within(1e-5f));
        }
    }

    @Test
    void cancellationStopsBeforeTheNextModelCall() {
        AtomicInteger steps = new AtomicInteger();
        GenerationListener stopAfterTwo = new GenerationListener() {
            @Override
            public void stepDone(int window, int windows, int step, int total) {
                steps.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return steps.get() >= 3;
            }
        };
        ShotInput in = new ShotInput(constantImage(0f), List.of(RecognisableModel.indexFeatures(manager, 100)), 100,
                SpeakerMaskSource.single(), null);
        List<float[]> frames = new ArrayList<>();
        assertThatThrownBy(() -> new StreamingGenerator(model, manager).run(in, settings(), NoiseSource.seeded(1),
                stopAfterTwo, (i, f) -> frames.add(f))).isInstanceOf(GenerationCancelledException.class)
                .hasMessageContaining("window 2");
        assertThat(frames).hasSize(17);
    }

    @Test
    void colourCorrectionPullsLaterWindowsTowardsTheFirstReference() {
        float[] img = new float[3 * W * H];
        for (int p = 0; p < W * H; p++) {
            img[p] = (p % W) / (float) W - 0.5f;
        }
        List<float[]> frames = run(FrameSource.image(img, W, H), 30, settings().withColorStrength(1f), null);
        assertThat(frames).hasSize(30);
        for (float[] f : frames) {
            for (float v : f) {
                assertThat(v).isBetween(-1f, 1f);
            }
        }
        // the fake frames are flat grey at value i/1000: a flat frame has no spread, so the transfer replaces it by
        // the reference's mean colour, the same for every frame
        assertThat(frames.get(29)[0]).isCloseTo(frames.get(10)[0], within(1e-6f))
                .isNotCloseTo(29 / 1000f, within(1e-3f));
    }
}
