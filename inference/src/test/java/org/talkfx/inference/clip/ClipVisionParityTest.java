package org.talkfx.inference.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkfx.common.RuntimeSetup;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLIP visual tower against the official code's outputs on the tiny fixture (clip.safetensors). */
class ClipVisionParityTest {
    private static SafetensorsFile fixture;
    private static NDManager manager;
    private static ClipVision clip;

    @BeforeAll
    static void load() {
        RuntimeSetup.apply();
        fixture = SafetensorsFile.open(SharedFixtures.parity("clip"));
        manager = Engines.pytorch().newBaseManager();
        clip = ClipVision.load(manager, Weights.of(fixture).prefixed("weight."));
    }

    @AfterAll
    static void close() {
        clip.close();
        manager.close();
        fixture.close();
    }

    @Test
    void detectsTheFixtureConfig() {
        assertThat(clip.config()).isEqualTo(ClipVisionConfig.tiny());
    }

    @Test
    void preprocessesLikeTheOfficialCode() {
        try (NDManager m = manager.newSubManager()) {
            assertClose(clip.preprocess(m, fixture.load(m, "input.image")), "expected.preprocessed");
        }
    }

    @Test
    void encodesLikeTheOfficialCode() {
        try (NDManager m = manager.newSubManager()) {
            NDArray features = clip.encode(m, fixture.load(m, "input.image"));
            assertThat(features.getShape().getShape()).containsExactly(1, 257, 32);
            assertClose(features, "expected.features");
        }
    }

    private static void assertClose(NDArray actual, String expectedName) {
        NDArray expected = fixture.load(actual.getManager(), expectedName);
        assertThat(actual.getShape()).as(expectedName).isEqualTo(expected.getShape());
        float maxRef = expected.abs().max().getFloat();
        float maxDiff = actual.sub(expected).abs().max().getFloat();
        System.out.printf("%s: max |diff| %.3g, relative to max %.3g%n", expectedName, maxDiff, maxDiff / maxRef);
        assertThat(maxDiff / maxRef).as(expectedName + " max diff relative to max |ref|").isLessThan(1e-4f);
    }
}
