package org.talkfx.ofx.sample;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import org.talkfx.ofx.image.Components;
import org.talkfx.ofx.image.HalfFloat;
import org.talkfx.ofx.image.Image;
import org.talkfx.ofx.image.PixelDepth;
import org.talkfx.ofx.image.RectI;

/**
 * Gain/invert on rows of one pixel depth. Rows are copied to a per-thread array in bulk, changed, and written
 * back in bulk: far faster than per-sample buffer access. Alpha (4th component) passes unchanged.
 */
abstract class PixelRows {
    final double gain;
    final boolean invert;
    final int components;
    /** Samples from one pixel's red to the next: 3 colour samples are changed, a 4th (alpha) is skipped. */
    final int step;

    PixelRows(double gain, boolean invert, Components components) {
        this.gain = gain;
        this.invert = invert;
        this.components = components.count();
        if (this.components < 3) {
            throw new IllegalArgumentException("gain/invert needs RGB or RGBA, got " + components);
        }
        this.step = this.components;
    }

    /** The value mapping on [0, 1]. */
    final double apply(double v) {
        double g = Math.min(1.0, Math.max(0.0, v * gain));
        return invert ? 1.0 - g : g;
    }


    final boolean isIdentity() {
        return gain == 1.0 && !invert;
    }

    static PixelRows of(PixelDepth depth, Components components, double gain, boolean invert) {
        return switch (depth) {
            case BYTE -> new Bytes(gain, invert, components);
            case SHORT -> new Shorts(gain, invert, components);
            case HALF -> new Halves(gain, invert, components);
            case FLOAT -> new Floats(gain, invert, components);
        };
    }

    /** Per-thread state: views and scratch arrays. */
    interface Worker {
        void row(int y);
    }

    abstract Worker worker(Image src, Image dst, RectI window);

    /** Plain copy of the window's part of a row (gain 1, no invert). */
    static Worker copy(Image src, Image dst, RectI window) {
        ByteBuffer in = src.bytes();
        ByteBuffer out = dst.bytes();
        int length = window.width() * src.pixelBytes();
        return y -> out.put(dst.pixelOffset(window.x1(), y), in, src.pixelOffset(window.x1(), y), length);
    }

    private static final class Bytes extends PixelRows {
        private final byte[] lut = new byte[256];

        Bytes(double gain, boolean invert, Components components) {
            super(gain, invert, components);
            for (int i = 0; i < 256; i++) {
                lut[i] = (byte) Math.round(apply(i / 255.0) * 255.0);
            }
        }

        @Override
        Worker worker(Image src, Image dst, RectI window) {
            if (isIdentity()) {
                return copy(src, dst, window);
            }
            ByteBuffer in = src.bytes();
            ByteBuffer out = dst.bytes();
            byte[] row = new byte[window.width() * components];
            return y -> {
                in.get(src.pixelOffset(window.x1(), y), row, 0, row.length);
                for (int i = 0; i < row.length; i += step) {
                    row[i] = lut[row[i] & 0xff];
                    row[i + 1] = lut[row[i + 1] & 0xff];
                    row[i + 2] = lut[row[i + 2] & 0xff];
                }
                out.put(dst.pixelOffset(window.x1(), y), row, 0, row.length);
            };
        }
    }

    private static final class Shorts extends PixelRows {
        private final short[] lut = new short[65536];

        Shorts(double gain, boolean invert, Components components) {
            super(gain, invert, components);
            for (int i = 0; i < lut.length; i++) {
                lut[i] = (short) Math.round(apply(i / 65535.0) * 65535.0);
            }
        }

        @Override
        Worker worker(Image src, Image dst, RectI window) {
            if (isIdentity()) {
                return copy(src, dst, window);
            }
            ShortBuffer in = src.shorts();
            ShortBuffer out = dst.shorts();
            short[] row = new short[window.width() * components];
            return y -> {
                in.get(src.pixelOffset(window.x1(), y) / 2, row, 0, row.length);
                for (int i = 0; i < row.length; i += step) {
                    row[i] = lut[row[i] & 0xffff];
                    row[i + 1] = lut[row[i + 1] & 0xffff];
                    row[i + 2] = lut[row[i + 2] & 0xffff];
                }
                out.put(dst.pixelOffset(window.x1(), y) / 2, row, 0, row.length);
            };
        }
    }

    private static final class Halves extends PixelRows {
        Halves(double gain, boolean invert, Components components) {
            super(gain, invert, components);
        }

        @Override
        Worker worker(Image src, Image dst, RectI window) {
            if (isIdentity()) {
                return copy(src, dst, window);
            }
            ShortBuffer in = src.shorts();
            ShortBuffer out = dst.shorts();
            short[] row = new short[window.width() * components];
            return y -> {
                in.get(src.pixelOffset(window.x1(), y) / 2, row, 0, row.length);
                for (int i = 0; i < row.length; i += step) {
                    for (int c = i; c < i + 3; c++) {
                        row[c] = HalfFloat.fromFloat((float) apply(HalfFloat.toFloat(row[c])));
                    }
                }
                out.put(dst.pixelOffset(window.x1(), y) / 2, row, 0, row.length);
            };
        }
    }

    private static final class Floats extends PixelRows {
        Floats(double gain, boolean invert, Components components) {
            super(gain, invert, components);
        }

        @Override
        Worker worker(Image src, Image dst, RectI window) {
            if (isIdentity()) {
                return copy(src, dst, window);
            }
            FloatBuffer in = src.floats();
            FloatBuffer out = dst.floats();
            float[] row = new float[window.width() * components];
            float g = (float) gain;
            float offset = invert ? 1f : 0f;
            float sign = invert ? -1f : 1f;
            return y -> {
                in.get(src.pixelOffset(window.x1(), y) / 4, row, 0, row.length);
                for (int i = 0; i < row.length; i += step) {
                    row[i] = offset + sign * Math.min(1f, Math.max(0f, row[i] * g));
                    row[i + 1] = offset + sign * Math.min(1f, Math.max(0f, row[i + 1] * g));
                    row[i + 2] = offset + sign * Math.min(1f, Math.max(0f, row[i + 2] * g));
                }
                out.put(dst.pixelOffset(window.x1(), y) / 4, row, 0, row.length);
            };
        }
    }
}
