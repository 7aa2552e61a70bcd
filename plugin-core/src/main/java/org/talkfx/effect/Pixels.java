package org.talkfx.effect;

import org.talkfx.ofx.image.HalfFloat;
import org.talkfx.ofx.image.Image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads and writes one channel of a host image as a value in [0, 1], whatever its depth. */
final class Pixels {
    private final Image image;
    private final ByteBuffer bytes;

    Pixels(Image image) {
        this.image = image;
        this.bytes = image.bytes().duplicate().order(ByteOrder.nativeOrder());
    }

    float get(int x, int y, int c) {
        int at = image.pixelOffset(x, y) + c * image.depth().bytesPerSample();
        return switch (image.depth()) {
            case BYTE -> (bytes.get(at) & 0xff) / 255f;
            case SHORT -> (bytes.getShort(at) & 0xffff) / 65535f;
            case HALF -> HalfFloat.toFloat(bytes.getShort(at));
            case FLOAT -> bytes.getFloat(at);
        };
    }

    void set(int x, int y, int c, float v) {
        int at = image.pixelOffset(x, y) + c * image.depth().bytesPerSample();
        switch (image.depth()) {
            case BYTE -> bytes.put(at, (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f));
            case SHORT -> bytes.putShort(at, (short) Math.round(Math.max(0f, Math.min(1f, v)) * 65535f));
            case HALF -> bytes.putShort(at, HalfFloat.fromFloat(v));
            case FLOAT -> bytes.putFloat(at, v);
        }
    }

    /** Copies pixel (x, y) of {@code from} (same depth and components) byte for byte. */
    void copyPixel(Pixels from, int x, int y) {
        int n = image.pixelBytes();
        int src = from.image.pixelOffset(x, y);
        int dst = image.pixelOffset(x, y);
        for (int i = 0; i < n; i++) {
            bytes.put(dst + i, from.bytes.get(src + i));
        }
    }
}
