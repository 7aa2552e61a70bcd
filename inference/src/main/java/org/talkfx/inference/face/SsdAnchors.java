package org.talkfx.inference.face;

/**
 * MediaPipe's SSD anchor centres for BlazeFace. Consecutive layers with the same stride share one grid, and each
 * layer adds two anchors per cell (aspect ratio 1 and the interpolated scale); with fixed anchor size every anchor
 * is 1x1, so only the centres matter. Order: grid by grid, row by row, cell by cell, anchor by anchor.
 */
final class SsdAnchors {
    private static final int ANCHORS_PER_LAYER = 2;

    private SsdAnchors() {
    }

    /** {@code [x0, y0, x1, y1, ...]} normalised to [0, 1] of the network input. */
    static float[] centers(FaceModel model) {
        int[] strides = model.strides();
        float[] out = new float[FaceModel.ANCHORS * 2];
        int n = 0;
        for (int layer = 0; layer < strides.length; ) {
            int stride = strides[layer];
            int perCell = 0;
            while (layer < strides.length && strides[layer] == stride) {
                perCell += ANCHORS_PER_LAYER;
                layer++;
            }
            int grid = (model.inputSize() + stride - 1) / stride;
            for (int y = 0; y < grid; y++) {
                for (int x = 0; x < grid; x++) {
                    for (int a = 0; a < perCell; a++) {
                        out[n++] = (x + 0.5f) / grid;
                        out[n++] = (y + 0.5f) / grid;
                    }
                }
            }
        }
        if (n != out.length) {
            throw new IllegalStateException(model + " generated " + n / 2 + " anchors, expected " + FaceModel.ANCHORS);
        }
        return out;
    }
}
