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

    /**
     * Rotates q or k [B, L, H, D] (adjacent pairs are the complex numbers); returns float32 in x's manager. Tokens
     * are rotated in chunks so the float64 temporaries stay within {@code budgetBytes}.
     */
    NDArray apply(NDArray x, long budgetBytes) {
        Shape s = x.getShape();
        long perToken = s.get(2) * s.get(3) * Double.BYTES * 6; // pairs, 4 products, stacked result
        return Scratch.byTokens(x, perToken, budgetBytes, (rows, start, end) -> {
            Shape r = rows.getShape();
            NDArray c = cos.get(":, {}:{}", start, end);
            NDArray sn = sin.get(":, {}:{}", start, end);
            c.attach(rows.getManager());
            sn.attach(rows.getManager());
            NDArray pairs = rows.toType(DataType.FLOAT64, false).reshape(r.get(0), r.get(1), r.get(2), r.get(3) / 2, 2);
            NDArray re = pairs.get("..., 0");
            NDArray im = pairs.get("..., 1");
            NDArray outRe = re.mul(c).sub(im.mul(sn));
            NDArray outIm = re.mul(sn).add(im.mul(c));
            return outRe.stack(outIm, -1).reshape(r).toType(DataType.FLOAT32, false);
        });
    }
}
