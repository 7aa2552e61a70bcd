package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The official colour correction between windows ({@code match_and_blend_colors}): per frame, convert to CIE-Lab
 * (sRGB, D65, as scikit-image does), move each channel's mean and population standard deviation to the reference
 * frame's, convert back, clip, and blend with the original by {@code strength}. Works on channel-first
 * [3, T, H, W] arrays in [-1, 1], as tensor ops in float64 on the video's device: on the GPU a window takes
 * milliseconds, where a per-pixel loop in Java took seconds (six pow/cbrt calls a pixel, 32 M pixels a 480p window).
 */
public final class ColorMatch implements AutoCloseable {
    private static final double[][] XYZ_FROM_RGB = {
            {0.412453, 0.357580, 0.180423},
            {0.212671, 0.715160, 0.072169},
            {0.019334, 0.119193, 0.950227}};
    private static final double[][] RGB_FROM_XYZ = invert(XYZ_FROM_RGB);
    private static final double[] WHITE = {0.95047, 1.0, 1.08883};
    /** Frames converted at once: about 80 MB a float64 temporary at 480p, a dozen alive at the peak. */
    private static final long PIXELS_PER_CHUNK = 8L * 832 * 480;

    private final NDManager manager;
    private final NDArray refMean; // [3, 1, 1] Lab means of the reference frame
    private final NDArray refStd;

    /** A matcher towards one reference frame [3, H, W] in [-1, 1]; its statistics live in a sub-manager of m. */
    public ColorMatch(NDManager m, float[] reference, int height, int width) {
        if (reference.length != 3 * height * width) {
            throw new IllegalArgumentException("reference must be [3, " + height + ", " + width + "]");
        }
        manager = m.newSubManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray lab = toLab(scratch.create(reference, new Shape(3, 1, height, width)).toType(DataType.FLOAT64, false))
                    .reshape(3, 1, -1);
            NDArray mean = lab.mean(new int[]{2}, true);
            NDArray std = lab.sub(mean).square().mean(new int[]{2}, true).sqrt();
            mean.attach(manager);
            std.attach(manager);
            refMean = mean;
            refStd = std;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Video [3, T, H, W] in [-1, 1] corrected towards the reference, float32 in video's manager; strength 0 leaves it
     * as it is.
     */
    public NDArray apply(NDArray video, float strength) {
        if (strength < 0 || strength > 1) {
            throw new IllegalArgumentException("colour correction strength must be in [0, 1], got " + strength);
        }
        if (strength == 0f) {
            return video.toType(DataType.FLOAT32, true);
        }
        Shape s = video.getShape();
        long frames = s.get(1);
        long chunk = Math.max(1, PIXELS_PER_CHUNK / (s.get(2) * s.get(3)));
        NDManager owner = video.getManager();
        NDList parts = new NDList();
        try (NDManager scratch = owner.newSubManager()) {
            for (long t = 0; t < frames; t += chunk) {
                try (NDManager step = scratch.newSubManager()) {
                    NDArray part = video.get(":, {}:{}", t, Math.min(frames, t + chunk));
                    part.attach(step);
                    NDArray out = correct(part.toType(DataType.FLOAT64, false), strength);
                    out.attach(scratch);
                    parts.add(out);
                }
            }
            NDArray out = parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
            out.attach(owner);
            return out;
        }
    }

    private NDArray correct(NDArray x, float strength) {
        Shape s = x.getShape();
        NDArray lab = toLab(x).reshape(3, s.get(1), -1); // per channel and frame: [3, T, H * W]
        NDArray mean = lab.mean(new int[]{2}, true);
        NDArray std = lab.sub(mean).square().mean(new int[]{2}, true).sqrt();
        // a flat channel (std 0) takes the reference mean outright
        NDArray gain = NDArrays.where(std.eq(0), std.zerosLike(), refStd.div(std));
        NDArray matched = lab.sub(mean).mul(gain).add(refMean).reshape(s);
        NDArray rgb = clip01(fromLab(matched));
        NDArray source = clip01(x.add(1).div(2));
        return source.mul(1 - (double) strength).add(rgb.mul((double) strength)).mul(2).sub(1)
                .toType(DataType.FLOAT32, false);
    }

    /** [3, T, H, W] in [-1, 1] to Lab, channel first. */
    private static NDArray toLab(NDArray x) {
        NDArray v = clip01(x.add(1).div(2));
        NDArray linear = NDArrays.where(v.gt(0.04045), v.add(0.055).div(1.055).pow(2.4), v.div(12.92));
        NDArray xyz = mix(XYZ_FROM_RGB, linear);
        NDArray q = xyz.div(column(x.getManager(), WHITE));
        NDArray f = NDArrays.where(q.gt(0.008856), q.pow(1.0 / 3), q.mul(7.787).add(16.0 / 116));
        NDArray fx = f.get("0:1");
        NDArray fy = f.get("1:2");
        NDArray fz = f.get("2:3");
        return NDArrays.concat(new NDList(fy.mul(116).sub(16), fx.sub(fy).mul(500), fy.sub(fz).mul(200)), 0);
    }

    /** Lab [3, T, H, W] back to sRGB in [0, 1] (before clipping). */
    private static NDArray fromLab(NDArray lab) {
        NDArray y = lab.get("0:1").add(16).div(116);
        NDArray x = lab.get("1:2").div(500).add(y);
        NDArray z = y.sub(lab.get("2:3").div(200)).maximum(0);
        NDArray f = NDArrays.concat(new NDList(x, y, z), 0);
        NDArray xyz = NDArrays.where(f.gt(0.2068966), f.pow(3), f.sub(16.0 / 116).div(7.787))
                .mul(column(lab.getManager(), WHITE));
        NDArray linear = mix(RGB_FROM_XYZ, xyz);
        return NDArrays.where(linear.gt(0.0031308), linear.pow(1 / 2.4).mul(1.055).sub(0.055), linear.mul(12.92));
    }

    /** m (3x3) applied along the channel axis of [3, T, H, W]. */
    private static NDArray mix(double[][] m, NDArray x) {
        Shape s = x.getShape();
        double[] flat = new double[9];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(m[r], 0, flat, 3 * r, 3);
        }
        NDArray matrix = x.getManager().create(flat, new Shape(3, 3));
        return matrix.matMul(x.reshape(3, -1)).reshape(s);
    }

    private static NDArray column(NDManager m, double[] values) {
        return m.create(values, new Shape(3, 1, 1, 1));
    }

    private static NDArray clip01(NDArray v) {
        return v.clip(0, 1);
    }

    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r1 = (j + 1) % 3;
                int r2 = (j + 2) % 3;
                int c1 = (i + 1) % 3;
                int c2 = (i + 2) % 3;
                inv[i][j] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return inv;
    }

    @Override
    public void close() {
        manager.close();
    }
}
