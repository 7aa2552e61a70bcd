package org.talkfx.inference.sampler;

/**
 * The official colour correction between windows ({@code match_and_blend_colors}): per frame, convert to CIE-Lab
 * (sRGB, D65, as scikit-image does), move each channel's mean and population standard deviation to the reference
 * frame's, convert back, clip, and blend with the original by {@code strength}. Works on channel-first
 * [3, T, H, W] float arrays in [-1, 1].
 */
public final class ColorMatch {
    private static final double[][] XYZ_FROM_RGB = {
            {0.412453, 0.357580, 0.180423},
            {0.212671, 0.715160, 0.072169},
            {0.019334, 0.119193, 0.950227}};
    private static final double[][] RGB_FROM_XYZ = invert(XYZ_FROM_RGB);
    private static final double[] WHITE = {0.95047, 1.0, 1.08883};

    private final double[] refMean = new double[3];
    private final double[] refStd = new double[3];

    /** A matcher towards one reference frame [3, H, W] in [-1, 1]. */
    public ColorMatch(float[] reference, int height, int width) {
        int n = height * width;
        if (reference.length != 3 * n) {
            throw new IllegalArgumentException("reference must be [3, " + height + ", " + width + "]");
        }
        double[][] lab = toLab(reference, 0, n, n);
        for (int c = 0; c < 3; c++) {
            refMean[c] = mean(lab[c]);
            refStd[c] = std(lab[c], refMean[c]);
        }
    }

    /** Corrects {@code frames} frames of video [3, T, H, W] in place; strength 0 leaves it untouched. */
    public void apply(float[] video, int frames, int height, int width, float strength) {
        if (strength < 0 || strength > 1) {
            throw new IllegalArgumentException("colour correction strength must be in [0, 1], got " + strength);
        }
        if (strength == 0f) {
            return;
        }
        int n = height * width;
        int planeStride = frames * n;
        for (int t = 0; t < frames; t++) {
            int offset = t * n;
            double[][] lab = toLab(video, offset, n, planeStride);
            for (int c = 0; c < 3; c++) {
                double m = mean(lab[c]);
                double s = std(lab[c], m);
                for (int p = 0; p < n; p++) {
                    lab[c][p] = s == 0 ? refMean[c] : (lab[c][p] - m) * (refStd[c] / s) + refMean[c];
                }
            }
            for (int p = 0; p < n; p++) {
                double[] rgb = labToRgb(lab[0][p], lab[1][p], lab[2][p]);
                for (int c = 0; c < 3; c++) {
                    int idx = c * planeStride + offset + p;
                    double src01 = clip01((video[idx] + 1.0) / 2.0);
                    double blended = (1 - strength) * src01 + strength * clip01(rgb[c]);
                    video[idx] = (float) (blended * 2.0 - 1.0);
                }
            }
        }
    }

    private static double[][] toLab(float[] data, int offset, int n, int planeStride) {
        double[][] lab = new double[3][n];
        for (int p = 0; p < n; p++) {
            double[] lin = new double[3];
            for (int c = 0; c < 3; c++) {
                double v = clip01((data[c * planeStride + offset + p] + 1.0) / 2.0);
                lin[c] = v > 0.04045 ? Math.pow((v + 0.055) / 1.055, 2.4) : v / 12.92;
            }
            double[] f = new double[3];
            for (int r = 0; r < 3; r++) {
                double xyz = XYZ_FROM_RGB[r][0] * lin[0] + XYZ_FROM_RGB[r][1] * lin[1] + XYZ_FROM_RGB[r][2] * lin[2];
                double q = xyz / WHITE[r];
                f[r] = q > 0.008856 ? Math.cbrt(q) : 7.787 * q + 16.0 / 116.0;
            }
            lab[0][p] = 116.0 * f[1] - 16.0;
            lab[1][p] = 500.0 * (f[0] - f[1]);
            lab[2][p] = 200.0 * (f[1] - f[2]);
        }
        return lab;
    }

    private static double[] labToRgb(double l, double a, double b) {
        double y = (l + 16.0) / 116.0;
        double x = a / 500.0 + y;
        double z = Math.max(0, y - b / 200.0);
        double[] xyz = {x, y, z};
        for (int i = 0; i < 3; i++) {
            double v = xyz[i];
            v = v > 0.2068966 ? v * v * v : (v - 16.0 / 116.0) / 7.787;
            xyz[i] = v * WHITE[i];
        }
        double[] rgb = new double[3];
        for (int r = 0; r < 3; r++) {
            double v = RGB_FROM_XYZ[r][0] * xyz[0] + RGB_FROM_XYZ[r][1] * xyz[1] + RGB_FROM_XYZ[r][2] * xyz[2];
            v = v > 0.0031308 ? 1.055 * Math.pow(v, 1 / 2.4) - 0.055 : v * 12.92;
            rgb[r] = clip01(v);
        }
        return rgb;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / v.length);
    }

    private static double clip01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
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
}
