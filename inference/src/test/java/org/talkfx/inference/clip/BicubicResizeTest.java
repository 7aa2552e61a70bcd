package org.talkfx.inference.clip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bicubic resize on cases worked out by hand. (Enlarging is covered by the CLIP parity fixture. libtorch through
 * DJL cannot serve as a reference: DJL's bicubic mode antialiases, the official Wan call does not.)
 */
class BicubicResizeTest {
    @Test
    void halvingUsesTheFourTapKernelAtHalfPixelOffsets() {
        // in -> in/2: source coordinate 2i + 0.5, so t = 0.5 and weights k(1.5), k(0.5), k(0.5), k(1.5) with
        // a = -0.75: k(0.5) = 0.59375, k(1.5) = -0.09375; taps beyond the border repeat the edge value
        float[] row = {1, 2, 4, 8, 16, 32, 64, 128};
        float[] out = BicubicResize.resize(row, 1, 1, 8, 1, 4);
        float near = 0.59375f;
        float far = -0.09375f;
        float[] expected = {
            far * 1 + near * 1 + near * 2 + far * 4,
            far * 2 + near * 4 + near * 8 + far * 16,
            far * 8 + near * 16 + near * 32 + far * 64,
            far * 32 + near * 64 + near * 128 + far * 128};
        for (int i = 0; i < 4; i++) {
            assertThat(out[i]).as("pixel %d", i).isCloseTo(expected[i], within(1e-5f));
        }
    }

    @Test
    void isSeparableOverRowsAndColumns() {
        float[] image = new float[6 * 5];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 5; x++) {
                image[y * 5 + x] = (float) Math.sin(y * 0.9 + x * x * 0.3);
            }
        }
        float[] both = BicubicResize.resize(image, 1, 6, 5, 11, 3);
        float[] rowsFirst = BicubicResize.resize(BicubicResize.resize(image, 1, 6, 5, 6, 3), 1, 6, 3, 11, 3);
        for (int i = 0; i < both.length; i++) {
            assertThat(both[i]).isCloseTo(rowsFirst[i], within(1e-5f));
        }
    }

    @Test
    void keepsConstantsAndOvershootsEdges() {
        float[] flat = BicubicResize.resize(new float[]{0.25f, 0.25f, 0.25f, 0.25f}, 1, 2, 2, 5, 3);
        for (float v : flat) {
            assertThat(v).isCloseTo(0.25f, within(1e-6f));
        }
        // a step edge rings: the a = -0.75 kernel has negative lobes and the result is not clamped
        float[] step = BicubicResize.resize(new float[]{0, 0, 1, 1}, 1, 1, 4, 1, 16);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : step) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isLessThan(0f);
        assertThat(max).isGreaterThan(1f);
    }
}
