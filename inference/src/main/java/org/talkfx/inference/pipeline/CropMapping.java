package org.talkfx.inference.pipeline;

/**
 * The official resize + centre crop from a source size to the generation size (scale = max of the two ratios,
 * resized size rounded up, then the centre cut out), and its inverse for putting generated pixels back into the
 * source frame. Resampling is bilinear on pixel centres, with box averaging when shrinking by more than 2×.
 */
public record CropMapping(int sourceWidth, int sourceHeight, int width, int height, double scale, double offsetX,
                          double offsetY) {
    public static CropMapping of(int sourceWidth, int sourceHeight, int width, int height) {
        double scale = Math.max((double) height / sourceHeight, (double) width / sourceWidth);
        int resizedW = (int) Math.ceil(scale * sourceWidth);
        int resizedH = (int) Math.ceil(scale * sourceHeight);
        // torchvision's center_crop: offsets int(round(diff / 2)), round half to even
        return new CropMapping(sourceWidth, sourceHeight, width, height, scale, Math.rint((resizedW - width) / 2.0),
                Math.rint((resizedH - height) / 2.0));
    }

    /** Source pixel → generation pixel coordinates (continuous, pixel centres at .5 offsets removed). */
    public double toGenX(double sx) {
        return (sx + 0.5) * scale - 0.5 - offsetX;
    }

    public double toGenY(double sy) {
        return (sy + 0.5) * scale - 0.5 - offsetY;
    }

    /** The source picture resized and cropped to the generation size. */
    public RgbImage forward(RgbImage src) {
        int step = Math.max(1, (int) Math.floor(1 / scale));
        byte[] out = new byte[3 * width * height];
        for (int y = 0; y < height; y++) {
            double sy = (y + offsetY + 0.5) / scale - 0.5;
            for (int x = 0; x < width; x++) {
                double sx = (x + offsetX + 0.5) / scale - 0.5;
                for (int c = 0; c < 3; c++) {
                    double v = step == 1 ? bilinear(src, sx, sy, c) : box(src, sx, sy, step, c);
                    out[3 * (y * width + x) + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /** A generation-size float plane [H·W] resized and cropped from a source-size plane (for masks). */
    public float[] forwardPlane(float[] plane) {
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double sy = (y + offsetY + 0.5) / scale - 0.5;
            for (int x = 0; x < width; x++) {
                double sx = (x + offsetX + 0.5) / scale - 0.5;
                out[y * width + x] = (float) bilinearPlane(plane, sourceWidth, sourceHeight, sx, sy);
            }
        }
        return out;
    }

    /** Whether source pixel (x, y) lies inside the cropped region the generation covers. */
    public boolean covers(int sx, int sy) {
        double gx = toGenX(sx);
        double gy = toGenY(sy);
        return gx >= -0.5 && gy >= -0.5 && gx <= width - 0.5 && gy <= height - 0.5;
    }

    /** Channel c of the generated picture at source pixel (x, y), bilinear. */
    public double sampleBack(RgbImage generated, int sx, int sy, int c) {
        return bilinear(generated, toGenX(sx), toGenY(sy), c);
    }

    private static double bilinear(RgbImage img, double x, double y, int c) {
        x = Math.max(0, Math.min(img.width() - 1, x));
        y = Math.max(0, Math.min(img.height() - 1, y));
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(x0 + 1, img.width() - 1);
        int y1 = Math.min(y0 + 1, img.height() - 1);
        double fx = x - x0;
        double fy = y - y0;
        double a = px(img, x0, y0, c) * (1 - fx) + px(img, x1, y0, c) * fx;
        double b = px(img, x0, y1, c) * (1 - fx) + px(img, x1, y1, c) * fx;
        return a * (1 - fy) + b * fy;
    }

    private static double bilinearPlane(float[] p, int w, int h, double x, double y) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fx = x - x0;
        double fy = y - y0;
        double a = p[y0 * w + x0] * (1 - fx) + p[y0 * w + x1] * fx;
        double b = p[y1 * w + x0] * (1 - fx) + p[y1 * w + x1] * fx;
        return a * (1 - fy) + b * fy;
    }

    private static double box(RgbImage img, double cx, double cy, int step, int c) {
        int x0 = (int) Math.round(cx - (step - 1) / 2.0);
        int y0 = (int) Math.round(cy - (step - 1) / 2.0);
        double sum = 0;
        int n = 0;
        for (int y = y0; y < y0 + step; y++) {
            for (int x = x0; x < x0 + step; x++) {
                if (x >= 0 && y >= 0 && x < img.width() && y < img.height()) {
                    sum += px(img, x, y, c);
                    n++;
                }
            }
        }
        return n == 0 ? bilinear(img, cx, cy, c) : sum / n;
    }

    private static int px(RgbImage img, int x, int y, int c) {
        return img.rgb()[3 * (y * img.width() + x) + c] & 0xff;
    }
}
