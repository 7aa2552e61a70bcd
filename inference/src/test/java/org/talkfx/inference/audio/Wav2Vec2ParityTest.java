package org.talkfx.inference.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talkfx.testing.Close.assertClose;

/** The wav2vec2 fixture computed by InfiniteTalk's modified wav2vec2 (see fixtures/parity/README.md). */
class Wav2Vec2ParityTest {
    private static final float ATOL = 1e-4f;
    private static SafetensorsFile fixture;
    private static NDManager manager;
    private static Wav2Vec2 model;

    @BeforeAll
    static void load() {
        fixture = SafetensorsFile.open(SharedFixtures.parity("wav2vec2"));
        manager = Engines.pytorch().newBaseManager();
        model = Wav2Vec2.load(manager, Weights.of(fixture).prefixed("weight."));
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
        fixture.close();
    }

    @Test
    void detectsTheFixtureConfigFromShapes() {
        assertThat(model.config()).isEqualTo(Wav2Vec2Config.tiny());
    }

    @Test
    void effectivePositionalConvWeightIsWeightNormOverDims01() {
        try (NDManager m = manager.newSubManager()) {
            NDArray eff = Wav2Vec2.effectivePosConvWeight(m, Weights.of(fixture).prefixed("weight."));
            expect("pos_conv_weight_effective", eff);
        }
    }

    @Test
    void everyStageMatchesTheOfficialCode() {
        float[] audio = fixture.floats("input.audio_16k");
        try (NDManager m = manager.newSubManager()) {
            NDArray conv = model.convFeatures(m, audio);
            expect("conv_features", conv);
            NDArray interp = Wav2Vec2.interpolate(conv, 50);
            expect("interp_features", interp);
            expect("hidden0", model.encoderInput(interp));
            assertThat(Wav2Vec2.videoFrames(audio.length)).isEqualTo(50);
            NDArray emb = model.embed(m, audio, Wav2Vec2.videoFrames(audio.length));
            expect("audio_emb", emb);
        }
    }

    @Test
    void windowsClampToTheWholeClip() {
        try (NDManager m = manager.newSubManager()) {
            NDArray emb = m.create(fixture.floats("expected.audio_emb"), new ai.djl.ndarray.types.Shape(50, 2, 32));
            for (int s : new int[]{0, 8, 36}) {
                long[] expectedIdx = fixture.longs("expected.window_s" + s + "_indices");
                long[][] idx = AudioWindows.indices(50, s, 17);
                long[] flat = new long[17 * 5];
                for (int i = 0; i < 17; i++) {
                    System.arraycopy(idx[i], 0, flat, i * 5, 5);
                }
                assertThat(flat).as("indices s=" + s).containsExactly(expectedIdx);
                expect("window_s" + s, AudioWindows.window(emb, s, 17));
            }
        }
    }

    private static void expect(String name, NDArray actual) {
        assertClose(name, actual, fixture.info("expected." + name).shape(), fixture.floats("expected." + name), ATOL);
    }
}
