package org.talkfx.ofx.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatTest {
    @Test
    void everyHalfValueSurvivesTheRoundTrip() {
        for (int h = 0; h < 0x10000; h++) {
            short half = (short) h;
            float value = HalfFloat.toFloat(half);
            if (Float.isNaN(value)) {
                assertThat(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(value)))).isTrue();
            } else {
                assertThat(HalfFloat.fromFloat(value)).as("half 0x%04x = %s", h, value).isEqualTo(half);
            }
        }
    }

    @Test
    void knownValuesAndRounding() {
        assertThat(HalfFloat.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(HalfFloat.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(HalfFloat.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(HalfFloat.fromFloat(65520f)).as("rounds up to infinity").isEqualTo((short) 0x7c00);
        assertThat(HalfFloat.fromFloat((float) Math.pow(2, -24))).as("smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(HalfFloat.fromFloat(1f / 3f)).isEqualTo((short) 0x3555);
        assertThat(HalfFloat.fromFloat(1f + (float) Math.pow(2, -11))).as("tie goes to even").isEqualTo((short) 0x3c00);
        assertThat(HalfFloat.toFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    }
}
