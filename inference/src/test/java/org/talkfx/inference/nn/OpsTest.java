package org.talkfx.inference.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;

import static org.assertj.core.api.Assertions.assertThat;

class OpsTest {
    @Test
    void chunkedAttentionEqualsOneShotSoftmaxAttention() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray q = m.randomNormal(new Shape(2, 37, 3, 8));
            NDArray k = m.randomNormal(new Shape(2, 23, 3, 8));
            NDArray v = m.randomNormal(new Shape(2, 23, 3, 8));
            NDArray chunked = Ops.attention(q, k, v, 5);
            NDArray whole = Ops.attention(q, k, v, 1000);
            // reference written out directly: softmax(q k^T / sqrt(d)) v per batch and head
            float[] qa = q.toFloatArray(), ka = k.toFloatArray(), va = v.toFloatArray(), out = chunked.toFloatArray();
            float maxErr = 0;
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 3; h++) {
                    for (int i = 0; i < 37; i++) {
                        double[] s = new double[23];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < 23; j++) {
                            double dot = 0;
                            for (int d = 0; d < 8; d++) {
                                dot += qa[((b * 37 + i) * 3 + h) * 8 + d] * ka[((b * 23 + j) * 3 + h) * 8 + d];
                            }
                            s[j] = dot / Math.sqrt(8);
                            max = Math.max(max, s[j]);
                        }
                        double sum = 0;
                        for (int j = 0; j < 23; j++) {
                            s[j] = Math.exp(s[j] - max);
                            sum += s[j];
                        }
                        for (int d = 0; d < 8; d++) {
                            double acc = 0;
                            for (int j = 0; j < 23; j++) {
                                acc += s[j] / sum * va[((b * 23 + j) * 3 + h) * 8 + d];
                            }
                            maxErr = Math.max(maxErr, (float) Math.abs(acc - out[((b * 37 + i) * 3 + h) * 8 + d]));
                        }
                    }
                }
            }
            assertThat(maxErr).isLessThan(1e-5f);
            assertThat(chunked.getShape()).isEqualTo(new Shape(2, 37, 3, 8));
            assertThat(chunked.allClose(whole, 1e-6, 1e-6, false)).isTrue();
        }
    }

    @Test
    void normsMatchTheirDefinitions() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.create(new float[]{1, 2, 3, 4}, new Shape(1, 4));
            float[] rms = Ops.rmsNorm(x, null, 0f).toFloatArray();
            double r = Math.sqrt((1 + 4 + 9 + 16) / 4.0);
            assertThat(rms[3]).isCloseTo((float) (4 / r), org.assertj.core.data.Offset.offset(1e-6f));
            float[] ln = Ops.layerNorm(x, null, null, 0f).toFloatArray();
            assertThat(ln[0]).isCloseTo((float) (-1.5 / Math.sqrt(1.25)), org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
