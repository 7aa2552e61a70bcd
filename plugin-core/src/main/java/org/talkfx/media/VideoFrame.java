package org.talkfx.media;

/**
 * One RGB frame: packed 8-bit R, G, B per pixel, rows top to bottom, no padding. {@code ptsSeconds} is the frame's
 * presentation time from the start of the stream (for resampled output: the target time it was picked for).
 */
public record VideoFrame(int width, int height, byte[] rgb, double ptsSeconds, long index) {
    public VideoFrame {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb must hold width*height*3 bytes");
        }
    }

    /** The pixel at (x, y) as 0xRRGGBB. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
    }
}
