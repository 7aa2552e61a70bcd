package org.talkfx.testing;

import ai.djl.ndarray.NDArray;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Element-wise comparison of a computed tensor with a fixture's expected values. */
public final class Close {
    private Close() {
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Same shape and every element within {@code atol}. */
    public static void assertClose(String what, NDArray actual, long[] expectedShape, float[] expected, float atol) {
        assertThat(actual.getShape().getShape()).as(what + " shape").isEqualTo(expectedShape);
        float diff = maxAbsDiff(actual.toFloatArray(), expected);
        assertThat(diff).as(what + " max |diff| (shape " + Arrays.toString(expectedShape) + ")").isLessThanOrEqualTo(atol);
    }
}
