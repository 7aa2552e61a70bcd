package org.talkfx.inference.weights;

import org.junit.jupiter.api.Test;
import org.talkfx.testing.SharedFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** Every parity fixture's weights are recognised as the model family they come from, with the fixture's config. */
class FixtureDetectionTest {
    private static Architecture detect(String fixture) {
        try (SafetensorsFile f = SafetensorsFile.open(SharedFixtures.parity(fixture))) {
            return Architectures.detect(FullSizeLayoutTest.headersOnly(Weights.of(f).prefixed("weight.")));
        }
    }

    @Test
    void dit() {
        Architecture.Dit d = (Architecture.Dit) detect("dit_1spk");
        assertThat(d.dim()).isEqualTo(64);
        assertThat(d.layers()).isEqualTo(2);
        assertThat(d.heads()).isEqualTo(4);
        assertThat(d.ffnDim()).isEqualTo(128);
        assertThat(d.inDim()).isEqualTo(36);
        assertThat(d.outDim()).isEqualTo(16);
        assertThat(d.textDim()).isEqualTo(32);
        assertThat(d.clipWidth()).isEqualTo(1280);
        assertThat(d.audio().perFrameInput()).isEqualTo(12 * 768);
        assertThat(d.audio().vfSlots()).isEqualTo(8);
        assertThat(d.audio().intermediate()).isEqualTo(4);
        assertThat(d.audio().tokenDim()).isEqualTo(32);
        assertThat(d.audio().contextTokens()).isEqualTo(4);
    }

    @Test
    void otherFamilies() {
        assertThat(detect("vae")).isEqualTo(new Architecture.Vae(8, 16));
        assertThat(detect("clip")).isEqualTo(new Architecture.Clip(32, 3, 14, 224, "open-clip"));
        assertThat(detect("t5")).isEqualTo(new Architecture.UmT5(512, 32, 32, 64, 4, 2, 32, false));
        assertThat(detect("wav2vec2")).isEqualTo(new Architecture.Wav2Vec2(7, 32, 32, 2, 64));
    }
}
