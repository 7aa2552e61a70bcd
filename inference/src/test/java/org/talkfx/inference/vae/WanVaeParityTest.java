package org.talkfx.inference.vae;

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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Wan VAE against the official code's outputs on the tiny fixture (vae.safetensors). */
class WanVaeParityTest {
    private static SafetensorsFile fixture;
    private static NDManager manager;
    private static WanVae vae;

    @BeforeAll
    static void load() {
        RuntimeSetup.apply();
        fixture = SafetensorsFile.open(SharedFixtures.parity("vae"));
        manager = Engines.pytorch().newBaseManager();
        vae = WanVae.load(manager, Weights.of(fixture).prefixed("weight."));
    }

    @AfterAll
    static void close() {
        vae.close();
        manager.close();
        fixture.close();
    }

    @Test
    void detectsTheFixtureConfig() {
        assertThat(vae.config()).isEqualTo(WanVaeConfig.tiny());
    }

    @Test
    void latentConstantsAreTheOfficialOnes() {
        assertThat(WanVae.LATENT_MEAN).containsExactly(fixture.floats("expected.latent_mean"));
        assertThat(WanVae.LATENT_STD).containsExactly(fixture.floats("expected.latent_std"));
    }

    @Test
    void encodesLikeTheOfficialCode() {
        try (NDManager m = manager.newSubManager()) {
            NDArray video = fixture.load(m, "input.video");
            assertClose(vae.encode(m, video), "expected.latents");
            assertClose(vae.encode(m, video.get(":, 0:1")), "expected.latents_1frame");
            assertClose(vae.encode(m, video.get(":, 0:5")), "expected.latents_5frames");
        }
    }

    @Test
    void decodesLikeTheOfficialCode() {
        try (NDManager m = manager.newSubManager()) {
            NDArray latents = fixture.load(m, "expected.latents");
            assertClose(vae.decode(m, latents), "expected.decoded");
            assertClose(vae.decode(m, latents.get(":, 0:1")), "expected.decoded_first_latent");
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
