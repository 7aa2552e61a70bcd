package org.talkfx.inference.face;

/**
 * Fits a frame of any size into the square network input keeping its aspect ratio (black bars on the short side),
 * and maps network coordinates back to source pixels.
 *
 * @param sourceWidth  frame width in pixels
 * @param sourceHeight frame height in pixels
 * @param size         network input side
 * @param scale        network pixels per source pixel
 * @param padX         left bar width in network pixels
 * @param padY         top bar height in network pixels
 */
public record Letterbox(int sourceWidth, int sourceHeight, int size, float scale, int padX, int padY) {
    public static Letterbox of(int sourceWidth, int sourceHeight, int size) {
        float scale = (float) size / Math.max(sourceWidth, sourceHeight);
        int contentW = Math.max(1, Math.min(size, Math.round(sourceWidth * scale)));
        int contentH = Math.max(1, Math.min(size, Math.round(sourceHeight * scale)));
        return new Letterbox(sourceWidth, sourceHeight, size, scale, (size - contentW) / 2, (size - contentH) / 2);
    }

    public int contentWidth() {
        return Math.max(1, Math.min(size, Math.round(sourceWidth * scale)));
    }

    public int contentHeight() {
        return Math.max(1, Math.min(size, Math.round(sourceHeight * scale)));
    }

    /** Source x of a network x given as a fraction of the input side. */
    public float toSourceX(float normalized) {
        return (normalized * size - padX) * sourceWidth / contentWidth();
    }

    public float toSourceY(float normalized) {
        return (normalized * size - padY) * sourceHeight / contentHeight();
    }

    /**
     * The NHWC float input: the frame resampled (area average when shrinking, bilinear when growing) into the
     * content rectangle, values mapped from [0, 255] to [-1, 1] as MediaPipe does for BlazeFace; bars are black (-1).
     */
    public float[] toTensor(RgbFrame frame) {
        if (frame.width() != sourceWidth || frame.height() != sourceHeight) {
            throw new IllegalArgumentException("letterbox for " + sourceWidth + "x" + sourceHeight + " got a "
                    + frame.width() + "x" + frame.height() + " frame");
        }
        int cw = contentWidth();
        int ch = contentHeight();
        Resampler.Taps xs = Resampler.taps(sourceWidth, cw);
        Resampler.Taps ys = Resampler.taps(sourceHeight, ch);
        // horizontal pass into a [sourceHeight][cw][3] buffer, then vertical pass into the padded tensor
        float[] rows = new float[sourceHeight * cw * 3];
        byte[] rgb = frame.rgb();
        for (int y = 0; y < sourceHeight; y++) {
            int rowIn = y * sourceWidth * 3;
            int rowOut = y * cw * 3;
            for (int ox = 0; ox < cw; ox++) {
                float r = 0, g = 0, b = 0;
                for (int t = xs.start(ox); t < xs.start(ox + 1); t++) {
                    int p = rowIn + xs.index(t) * 3;
                    float w = xs.weight(t);
                    r += w * (rgb[p] & 0xff);
                    g += w * (rgb[p + 1] & 0xff);
                    b += w * (rgb[p + 2] & 0xff);
                }
                rows[rowOut + ox * 3] = r;
                rows[rowOut + ox * 3 + 1] = g;
                rows[rowOut + ox * 3 + 2] = b;
            }
        }
        float[] out = new float[size * size * 3];
        java.util.Arrays.fill(out, -1f);
        for (int oy = 0; oy < ch; oy++) {
            int base = ((oy + padY) * size + padX) * 3;
            for (int t = ys.start(oy); t < ys.start(oy + 1); t++) {
                int row = ys.index(t) * cw * 3;
                float w = ys.weight(t) / 127.5f;
                for (int i = 0; i < cw * 3; i++) {
                    out[base + i] += w * rows[row + i];
                }
            }
        }
        return out;
    }
}
