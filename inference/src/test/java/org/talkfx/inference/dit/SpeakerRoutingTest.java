package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pieces of the two-speaker routing against direct scalar computations of the official formulas. */
class SpeakerRoutingTest {
    private final NDManager m = Engines.pytorch().newBaseManager();

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void referenceAttentionMapMatchesADirectComputation() {
        int tokens = 23;
        int heads = 3; // odd: the official two head groups leave the last head out
        int d = 8;
        int ref = 6;
        Random r = new Random(3);
        float[] q = gaussian(r, tokens * heads * d);
        float[] k = gaussian(r, tokens * heads * d);
        float[] masks = {1, 1, 0, 0, 0, 0, /**/ 0, 0, 1, 1, 1, 0, /**/ 0, 0, 0, 0, 0, 1};
        NDArray map = SpeakerRouting.referenceAttentionMap(m.create(q, new Shape(1, tokens, heads, d)),
                m.create(k, new Shape(1, tokens, heads, d)), m.create(masks, new Shape(3, ref)), 5);
        assertThat(map.getShape().getShape()).containsExactly(3, tokens);
        float[] got = map.toFloatArray();
        int used = 2;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < tokens; i++) {
                double sum = 0;
                for (int h = 0; h < used; h++) {
                    double[] logits = new double[ref];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < ref; j++) {
                        double dot = 0;
                        for (int x = 0; x < d; x++) {
                            dot += q[(i * heads + h) * d + x] * k[(j * heads + h) * d + x];
                        }
                        logits[j] = dot / Math.sqrt(d);
                        max = Math.max(max, logits[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < ref; j++) {
                        z += Math.exp(logits[j] - max);
                    }
                    double inMask = 0;
                    double count = 0;
                    for (int j = 0; j < ref; j++) {
                        inMask += masks[c * ref + j] * Math.exp(logits[j] - max) / z;
                        count += masks[c * ref + j];
                    }
                    sum += inMask / count;
                }
                assertThat((double) got[c * tokens + i]).isCloseTo(sum / used, within(1e-6));
            }
        }
    }

    @Test
    void labelPositionsFollowTheWinningClassAndItsNormalisedAffinity() {
        float[] map = {
            0.50f, 0.10f, 0.30f, 0.20f, // speaker 1 affinity
            0.10f, 0.60f, 0.20f, 0.05f, // speaker 2
            0.05f, 0.05f, 0.40f, 0.10f}; // background
        float[] pos = SpeakerRouting.labelPositions(m.create(map, new Shape(3, 4))).toFloatArray();
        // token 0: speaker 1 wins, its affinity is row 0's max -> top of [0, 4]
        assertThat(pos[0]).isCloseTo(4f, within(1e-5f));
        // token 1: speaker 2 wins with row 1's max -> 24
        assertThat(pos[1]).isCloseTo(24f, within(1e-5f));
        // token 2: background wins -> 12
        assertThat(pos[2]).isEqualTo(12f);
        // token 3: speaker 1 wins with 0.2 in row 0's range [0.1, 0.5] -> 0 + 0.25 * 4
        assertThat(pos[3]).isCloseTo(1f, within(1e-5f));
        float[] keys = SpeakerRouting.keyPositions(m, 8, 2).toFloatArray();
        assertThat(keys).containsExactly(2, 2, 2, 2, 22, 22, 22, 22);
    }

    @Test
    void moreThanTwoSpeakersUseWanVideoWrappersRanges() {
        float[] map = {
            0.50f, 0.10f, 0.10f, 0.10f, 0.20f, // speaker 1
            0.10f, 0.60f, 0.10f, 0.10f, 0.20f, // speaker 2
            0.10f, 0.10f, 0.70f, 0.10f, 0.20f, // speaker 3
            0.10f, 0.10f, 0.10f, 0.80f, 0.20f, // speaker 4
            0.05f, 0.05f, 0.05f, 0.05f, 0.90f}; // background
        float[] pos = SpeakerRouting.labelPositions(m.create(map, new Shape(5, 5))).toFloatArray();
        // each winner at the top of its range [4i, 4i + 4]; the background token at 12
        assertThat(pos).containsExactly(new float[]{4f, 8f, 12f, 16f, 12f}, within(1e-5f));
        float[] keys = SpeakerRouting.keyPositions(m, 8, 4).toFloatArray();
        assertThat(keys).containsExactly(2, 2, 6, 6, 10, 10, 14, 14);
    }

    @Test
    void labelRopeRotatesAdjacentPairsByPositionTimesFrequency() {
        int n = 2;
        int s = 3;
        int heads = 2;
        int d = 8;
        Random r = new Random(9);
        float[] x = gaussian(r, n * s * heads * d);
        float[] pos = {0f, 1.5f, 4f, 12f, 20.25f, 24f};
        float[] got = LabelRope.apply(m.create(x, new Shape(n, s, heads, d)), m.create(pos)).toFloatArray();
        for (int t = 0; t < n * s; t++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < d / 2; i++) {
                    double angle = pos[t] * Math.pow(10000, -2.0 * i / d);
                    int base = (t * heads + h) * d + 2 * i;
                    double re = x[base] * Math.cos(angle) - x[base + 1] * Math.sin(angle);
                    double im = x[base + 1] * Math.cos(angle) + x[base] * Math.sin(angle);
                    assertThat((double) got[base]).isCloseTo(re, within(2e-5));
                    assertThat((double) got[base + 1]).isCloseTo(im, within(2e-5));
                }
            }
        }
    }

    @Test
    void tokenMasksUseNearestResizeAndBinarise() {
        float[] masks = new float[2 * 4 * 6];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 6; j++) {
                masks[i * 6 + j] = j < 2 ? 0.7f : 0f; // class 0: columns 0-1
                masks[24 + i * 6 + j] = i == 3 ? 1f : 0f; // class 1: last row
            }
        }
        float[] t = SpeakerRouting.tokenMasks(m, m.create(masks, new Shape(2, 4, 6)), 2, 3).toFloatArray();
        // token column j samples source column 2j, token row i samples source row 2i
        assertThat(t).containsExactly(1, 0, 0, 1, 0, 0, /**/ 0, 0, 0, 0, 0, 0);
    }

    static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
