package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Wan's 3-D rotary embedding: the head's D/2 complex pairs split [c - 2(c/3), c/3, c/3] between the frame, row and
 * column of each token, theta 10000. Tables and the rotation are in float64 as in the official {@code rope_apply}
 * (the CPU/parity path), or float32 on the GPU, where float64 costs a multiple and WanVideoWrapper's real-valued
 * RoPE shows float32 is close enough; the rotation itself is one of the {@link BlockKernels}.
 */
final class Rope3d {
    private static final double THETA = 10000.0;

    private final NDArray cos; // [1, L, 1, D/2] in the rotation precision
    private final NDArray sin;
    private final DataType precision;

    Rope3d(NDManager manager, int headDim, int frames, int rows, int cols) {
        this(manager, headDim, frames, rows, cols, DataType.FLOAT64);
    }

    Rope3d(NDManager manager, int headDim, int frames, int rows, int cols, DataType precision) {
        this.precision = precision;
        int c = headDim / 2;
        int[] split = {c - 2 * (c / 3), c / 3, c / 3};
        int tokens = frames * rows * cols;
        double[] cosTable = new double[tokens * c];
        double[] sinTable = new double[tokens * c];
        double[][] freqs = new double[3][];
        for (int axis = 0; axis < 3; axis++) {
            freqs[axis] = new double[split[axis]];
            for (int k = 0; k < split[axis]; k++) {
                freqs[axis][k] = 1.0 / Math.pow(THETA, (2.0 * k) / (2 * split[axis]));
            }
        }
        for (int f = 0; f < frames; f++) {
            for (int h = 0; h < rows; h++) {
                for (int w = 0; w < cols; w++) {
                    int token = (f * rows + h) * cols + w;
                    int[] pos = {f, h, w};
                    int j = 0;
                    for (int axis = 0; axis < 3; axis++) {
                        for (int k = 0; k < split[axis]; k++, j++) {
                            double angle = pos[axis] * freqs[axis][k];
                            cosTable[token * c + j] = Math.cos(angle);
                            sinTable[token * c + j] = Math.sin(angle);
                        }
                    }
                }
            }
        }
        Shape shape = new Shape(1, tokens, 1, c);
        cos = table(manager, cosTable, shape, precision);
        sin = table(manager, sinTable, shape, precision);
    }

    private static NDArray table(NDManager manager, double[] values, Shape shape, DataType precision) {
        NDArray wide = manager.create(values, shape);
        if (precision == DataType.FLOAT64) {
            return wide;
        }
        NDArray narrow = wide.toType(precision, false);
        wide.close();
        return narrow;
    }

    /**
     * RMSNorm (skipped when {@code weight} is null) and rotation of x [B, L, dim] through the block kernels, one
     * libtorch call per token chunk; returns [B, L, heads, D] in x's dtype.
     */
    NDArray normAndRotate(BlockKernels kernels, NDArray x, NDArray weight, int heads, long budgetBytes) {
        long perToken = x.getShape().get(2) * precision.getNumOfBytes() * 6; // widened copy, complex product, result
        return Scratch.byTokens(x, perToken, budgetBytes, (rows, start, end) -> {
            NDArray c = cos.get(":, {}:{}", start, end);
            NDArray sn = sin.get(":, {}:{}", start, end);
            c.attach(rows.getManager());
            sn.attach(rows.getManager());
            return kernels.rmsRope(rows, weight, heads, c, sn);
        });
    }
}
