package org.talkfx.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * libswscale between packed RGB24 (full range) and a codec's pixel format, with the YUV side's range and matrix set
 * explicitly so that nothing is guessed twice. One instance per direction and frame geometry.
 */
final class RgbConverter implements AutoCloseable {
    /**
     * Full chroma interpolation both ways (without it 4:2:2 10-bit round trips lose ~1.8 levels on smooth gradients
     * instead of 0.03). Accurate rounding halves the 8-bit 4:2:0 error (0.95 -> 0.47 levels) but buys nothing at 10
     * bits, where it only doubles the time.
     */
    private static final int FLAGS = swscale.SWS_BICUBIC | swscale.SWS_FULL_CHR_H_INT | swscale.SWS_FULL_CHR_H_INP;

    private final int width;
    private final int height;
    private final int pixelFormat;
    private final boolean toRgb;
    private SwsContext sws;
    private BytePointer rgb;
    private PointerPointer<BytePointer> rgbPlanes;
    private IntPointer rgbStride;

    /** @param toRgb true to decode (format to RGB), false to encode (RGB to format) */
    RgbConverter(int width, int height, int pixelFormat, boolean toRgb, boolean fullRange, int colorSpace) {
        this.width = width;
        this.height = height;
        this.pixelFormat = pixelFormat;
        this.toRgb = toRgb;
        int src = toRgb ? pixelFormat : avutil.AV_PIX_FMT_RGB24;
        int dst = toRgb ? avutil.AV_PIX_FMT_RGB24 : pixelFormat;
        int flags = FLAGS | (avutil.av_pix_fmt_desc_get(pixelFormat).comp(0).depth() <= 8 ? swscale.SWS_ACCURATE_RND : 0);
        sws = swscale.sws_getContext(width, height, src, width, height, dst, flags, null, null, (double[]) null);
        if (sws == null || sws.isNull()) {
            throw new IllegalStateException("no swscale conversion from " + Ff.string(avutil.av_get_pix_fmt_name(src))
                    + " to " + Ff.string(avutil.av_get_pix_fmt_name(dst)));
        }
        IntPointer coefficients = swscale.sws_getCoefficients(colorSpace);
        int yuvRange = fullRange ? 1 : 0;
        swscale.sws_setColorspaceDetails(sws, coefficients, toRgb ? yuvRange : 1, coefficients, toRgb ? 1 : yuvRange,
                0, 1 << 16, 1 << 16);
        // Padding: swscale's SIMD paths may touch a few bytes past the last pixel.
        rgb = new BytePointer(avutil.av_malloc((long) width * height * 3 + 64)).capacity((long) width * height * 3 + 64);
        rgbPlanes = new PointerPointer<>(rgb, null, null, null);
        rgbStride = new IntPointer(width * 3, 0, 0, 0);
    }

    boolean matches(int w, int h, int format) {
        return w == width && h == height && format == pixelFormat;
    }

    /** Decoded frame to a new RGB array. */
    byte[] toRgb(AVFrame frame) {
        swscale.sws_scale(sws, frame.data(), frame.linesize(), 0, height, rgbPlanes, rgbStride);
        byte[] out = new byte[width * height * 3];
        rgb.get(out, 0, out.length);
        return out;
    }

    /** RGB array into a writable frame of this converter's format and size. */
    void fromRgb(byte[] pixels, AVFrame frame) {
        rgb.put(pixels, 0, pixels.length);
        swscale.sws_scale(sws, rgbPlanes, rgbStride, 0, height, frame.data(), frame.linesize());
    }

    @Override
    public void close() {
        if (sws != null) {
            swscale.sws_freeContext(sws);
            sws = null;
        }
        if (rgb != null) {
            avutil.av_free(rgb);
            rgb = null;
            rgbPlanes.close();
            rgbStride.close();
        }
    }
}
