package org.talkfx.inference.face;

/**
 * One video frame as interleaved 8-bit RGB, row-major, top row first ({@code rgb[3*(y*width+x) + c]}).
 * The face code takes frames only in this form, so it knows nothing of files or decoders.
 */
public record RgbFrame(int width, int height, byte[] rgb) {
    public RgbFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB frame needs " + 3L * width * height
                    + " bytes, got " + (rgb == null ? "none" : rgb.length));
        }
    }

    /** A grey frame repeated into the three channels (the detector expects colour input). */
    public static RgbFrame ofGray(int width, int height, byte[] gray) {
        if (gray == null || gray.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " grey frame needs " + width * height + " bytes");
        }
        byte[] rgb = new byte[gray.length * 3];
        for (int i = 0; i < gray.length; i++) {
            rgb[3 * i] = gray[i];
            rgb[3 * i + 1] = gray[i];
            rgb[3 * i + 2] = gray[i];
        }
        return new RgbFrame(width, height, rgb);
    }

    /** From packed 0xRRGGBB ints (as java.awt's getRGB returns them; alpha is ignored). */
    public static RgbFrame ofPackedRgb(int width, int height, int[] packed) {
        if (packed == null || packed.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame needs " + width * height + " pixels");
        }
        byte[] rgb = new byte[packed.length * 3];
        for (int i = 0; i < packed.length; i++) {
            rgb[3 * i] = (byte) (packed[i] >> 16);
            rgb[3 * i + 1] = (byte) (packed[i] >> 8);
            rgb[3 * i + 2] = (byte) packed[i];
        }
        return new RgbFrame(width, height, rgb);
    }
}
