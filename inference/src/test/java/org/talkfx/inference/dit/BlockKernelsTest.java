package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.nn.Ops;

import static org.assertj.core.api.Assertions.assertThat;

/** The TorchScript block kernels against the same math written with DJL ops or plain Java. */
class BlockKernelsTest {
    private static final float EPS = 1e-6f;

    @Test
    void modulationIsLayerNormTimesOnePlusScalePlusShift() {
        try (BlockKernels k = new BlockKernels(EPS, DataType.FLOAT32, DataType.FLOAT64);
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 7, 32)).mul(3).add(1);
            NDArray shift = m.randomNormal(new Shape(32));
            NDArray scale = m.randomNormal(new Shape(32));
            NDArray expected = Ops.layerNorm(x, null, null, EPS).mul(scale.add(1f)).add(shift);
            assertClose(k.modulate(x, shift, scale), expected, 1e-5);
        }
    }

    @Test
    void halfComputeHandsOnFp16AndStaysClose() {
        try (BlockKernels k = new BlockKernels(EPS, DataType.FLOAT16, DataType.FLOAT32);
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 5, 64));
            NDArray zero = m.zeros(new Shape(64));
            NDArray h = k.modulate(x, zero, zero);
            assertThat(h.getDataType()).isEqualTo(DataType.FLOAT16);
            NDArray expected = Ops.layerNorm(x, null, null, EPS);
            assertClose(h.toType(DataType.FLOAT32, false), expected, 5e-3);
            // the residual stream stays fp32 when an fp16 branch is added to it
            NDArray gated = k.gateResidual(x, h, m.ones(new Shape(64)).mul(0.5f));
            assertThat(gated.getDataType()).isEqualTo(DataType.FLOAT32);
            assertClose(gated, x.add(expected.mul(0.5f)), 5e-3);
        }
    }

    @Test
    void rmsNormMatchesTheDjlFormula() {
        try (BlockKernels k = new BlockKernels(EPS, DataType.FLOAT32, DataType.FLOAT64);
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 9, 48)).mul(4);
            NDArray w = m.randomNormal(new Shape(48));
            assertClose(k.rms(x, w), Ops.rmsNorm(x, w, EPS), 1e-5);
        }
    }

    @Test
    void geluTanhAndGatedResidualMatchDjlOps() {
        try (BlockKernels k = new BlockKernels(EPS, DataType.FLOAT32, DataType.FLOAT64);
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(3, 40)).mul(3);
            assertClose(k.geluTanh(x), Ops.geluTanh(x), 1e-5);
            NDArray y = m.randomNormal(new Shape(3, 40));
            NDArray gate = m.randomNormal(new Shape(40));
            assertClose(k.gateResidual(x, y, gate), x.add(y.mul(gate)), 1e-6);
        }
    }

    /** Each adjacent pair (2j, 2j+1) of a head turned by the token's angle for pair j, computed here in doubles. */
    @Test
    void ropeTurnsEachPairByItsTokensAngle() {
        int tokens = 6;
        int heads = 2;
        int d = 8;
        try (BlockKernels k = new BlockKernels(EPS, DataType.FLOAT32, DataType.FLOAT64);
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, tokens, heads * d));
            double[] angle = new double[tokens * d / 2];
            for (int i = 0; i < angle.length; i++) {
                angle[i] = 0.3 * (i / (d / 2)) + 0.7 * (i % (d / 2));
            }
            double[] cos = new double[angle.length];
            double[] sin = new double[angle.length];
            for (int i = 0; i < angle.length; i++) {
                cos[i] = Math.cos(angle[i]);
                sin[i] = Math.sin(angle[i]);
            }
            Shape table = new Shape(1, tokens, 1, d / 2);
            NDArray out = k.rmsRope(x, null, heads, m.create(cos, table), m.create(sin, table));
            assertThat(out.getShape()).isEqualTo(new Shape(1, tokens, heads, d));
            float[] in = x.toFloatArray();
            float[] got = out.toFloatArray();
            for (int t = 0; t < tokens; t++) {
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < d / 2; j++) {
                        int at = (t * heads + h) * d + 2 * j;
                        int a = t * d / 2 + j;
                        double re = in[at] * cos[a] - in[at + 1] * sin[a];
                        double im = in[at] * sin[a] + in[at + 1] * cos[a];
                        assertThat((double) got[at]).isCloseTo(re, org.assertj.core.data.Offset.offset(1e-5));
                        assertThat((double) got[at + 1]).isCloseTo(im, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    private static void assertClose(NDArray got, NDArray expected, double tolerance) {
        assertThat(got.getShape()).isEqualTo(expected.getShape());
        float[] a = got.toFloatArray();
        float[] b = expected.toFloatArray();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        assertThat(max).isLessThan(tolerance);
    }
}
