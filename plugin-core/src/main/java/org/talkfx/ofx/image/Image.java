package org.talkfx.ofx.image;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Host pixels, without copying: a direct buffer over the image memory, valid only until {@link #close()}
 * (clipReleaseImage). Rows may run bottom-up in memory (negative row bytes, MLT's default): the buffer starts at
 * the lowest address and {@link #rowOffset(int)} hides the direction. Never keep the buffers after close.
 */
public final class Image implements AutoCloseable {
    private final RectI bounds;
    private final int rowBytes;
    private final PixelDepth depth;
    private final Components components;
    private final double[] renderScale;
    private final Runnable release;
    private ByteBuffer data;

    /**
     * @param pixel0 the host's kOfxImagePropData: the pixel at (bounds.x1, bounds.y1)
     * @param release called once by close
     */
    public Image(Pointer pixel0, RectI bounds, int rowBytes, PixelDepth depth, Components components, double[] renderScale,
            Runnable release) {
        int minRowBytes = bounds.width() * components.count() * depth.bytesPerSample();
        if (Math.abs(rowBytes) < minRowBytes || pixel0 == null && !bounds.isEmpty()) {
            release.run();
            throw new IllegalArgumentException("inconsistent image from the host: bounds " + bounds + ", row bytes "
                    + rowBytes + ", " + components + " " + depth);
        }
        this.bounds = bounds;
        this.rowBytes = rowBytes;
        this.depth = depth;
        this.components = components;
        this.renderScale = renderScale.clone();
        this.release = release;
        long size = (long) Math.abs(rowBytes) * bounds.height();
        Pointer lowest = rowBytes >= 0 ? pixel0 : pixel0.share((long) rowBytes * (bounds.height() - 1));
        this.data = size == 0 ? ByteBuffer.allocateDirect(0)
                : lowest.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    public RectI bounds() {
        return bounds;
    }

    /** Signed, as the host gave it. */
    public int rowBytes() {
        return rowBytes;
    }

    public PixelDepth depth() {
        return depth;
    }

    public Components components() {
        return components;
    }

    public double[] renderScale() {
        return renderScale.clone();
    }

    /** Bytes per pixel. */
    public int pixelBytes() {
        return components.count() * depth.bytesPerSample();
    }

    /** The whole image memory, lowest address first, native byte order. */
    public ByteBuffer bytes() {
        if (data == null) {
            throw new IllegalStateException("image used after release");
        }
        return data;
    }

    public FloatBuffer floats() {
        return bytes().duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public ShortBuffer shorts() {
        return bytes().duplicate().order(ByteOrder.nativeOrder()).asShortBuffer();
    }

    /** Byte offset in {@link #bytes()} of the first pixel (x1) of row y, y in pixel coordinates (y up). */
    public int rowOffset(int y) {
        if (y < bounds.y1() || y >= bounds.y2()) {
            throw new IndexOutOfBoundsException("row " + y + " outside " + bounds);
        }
        int fromBottom = y - bounds.y1();
        return rowBytes >= 0 ? fromBottom * rowBytes : (bounds.height() - 1 - fromBottom) * -rowBytes;
    }

    /** Byte offset of pixel (x, y). */
    public int pixelOffset(int x, int y) {
        if (x < bounds.x1() || x >= bounds.x2()) {
            throw new IndexOutOfBoundsException("column " + x + " outside " + bounds);
        }
        return rowOffset(y) + (x - bounds.x1()) * pixelBytes();
    }

    @Override
    public void close() {
        if (data != null) {
            data = null;
            release.run();
        }
    }
}
