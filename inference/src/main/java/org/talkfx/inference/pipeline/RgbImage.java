package org.talkfx.inference.pipeline;

/** A packed 8-bit RGB picture, rows top to bottom, no padding (the layout the media layer decodes to). */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width < 1 || height < 1 || rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("RGB image " + width + "x" + height + " needs " + 3L * width * height
                    + " bytes, got " + rgb.length);
        }
    }

    /** Channel-first [3, H, W] floats in [-1, 1], as the networks take pixels. */
    public float[] toChw() {
        int plane = width * height;
        float[] out = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                out[c * plane + p] = (rgb[3 * p + c] & 0xff) / 127.5f - 1f;
            }
        }
        return out;
    }

    /** From channel-first [3, H, W] floats in [-1, 1], rounded to the nearest 8-bit level. */
    public static RgbImage fromChw(float[] chw, int width, int height) {
        int plane = width * height;
        byte[] rgb = new byte[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                float v = (chw[c * plane + p] + 1f) * 127.5f;
                rgb[3 * p + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
