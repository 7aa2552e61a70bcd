package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Wan's 3-D rotary embedding: the head's D/2 complex pairs split [c - 2(c/3), c/3, c/3] between the frame, row and
 * column of each token, theta 10000. Tables and the rotation are in float64 as in the official {@code rope_apply};
 * the result is rounded to float32.
 */
final class Rope3d {
    private static final double THETA = 10000.0;

    private final NDArray cos; // [1, L, 1, D/2] float64
    private final NDArray sin;

    Rope3d(NDManager manager, int headDim, int frames, int rows, int cols) {
        int c = headDim / 2;
        int[] split = {c - 2 * (c / 3), c / 3, c / 3};
        int tokens = frames * rows * cols;
        double[] cosTable = new double[tokens * c];
        double[] sinTable = new double[tokens * c];
        for (int f = 0; f < frames; f++) {
            for (int h = 0; h < rows; h++) {
                for (int w = 0; w < cols; w++) {
                    int token = (f * rows + h) * cols + w;
                    int[] pos = {f, h, w};
                    int j = 0;
                    for (int axis = 0; axis < 3; axis++) {
                        int axisDim = 2 * split[axis];
                        for (int k = 0; k < split[axis]; k++, j++) {
                            double freq = 1.0 / Math.pow(THETA, (2.0 * k) / axisDim);
                            double angle = pos[axis] * freq;
                            cosTable[token * c + j] = Math.cos(angle);
                            sinTable[token * c + j] = Math.sin(angle);
                        }
                    }
                }
            }
        }
        Shape shape = new Shape(1, tokens, 1, c);
        cos = manager.create(cosTable, shape);
        sin = manager.create(sinTable, shape);
    }

    /** Rotates q or k [B, L, H, D] (adjacent pairs are the complex numbers); returns float32 in x's manager. */
    NDArray apply(NDArray x) {
        Shape s = x.getShape();
        NDArray pairs = x.toType(DataType.FLOAT64, false).reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2);
        NDArray re = pairs.get("..., 0");
        NDArray im = pairs.get("..., 1");
        NDArray outRe = re.mul(cos).sub(im.mul(sin));
        NDArray outIm = re.mul(sin).add(im.mul(cos));
        return outRe.stack(outIm, -1).reshape(s).toType(DataType.FLOAT32, false);
    }
}
