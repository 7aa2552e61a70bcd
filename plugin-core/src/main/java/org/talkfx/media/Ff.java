package org.talkfx.media;

import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;

import java.nio.charset.StandardCharsets;

/** Small helpers around FFmpeg's C conventions (negative error codes, rationals). Package-private. */
final class Ff {
    /** AVERROR(EAGAIN) on Linux, the only platform whose natives we ship. */
    static final int EAGAIN = -11;
    static final int EOF = avutil.AVERROR_EOF;

    static {
        // FFmpeg logs every recoverable decoder complaint to stderr; our errors carry the message instead.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private Ff() {
    }

    static void init() {
        // Triggers the static initialiser.
    }

    static String error(int code) {
        byte[] buf = new byte[256];
        avutil.av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    static double seconds(long ts, AVRational tb) {
        return ts * (double) tb.num() / tb.den();
    }

    static double toDouble(AVRational r) {
        return r == null || r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    static String string(org.bytedeco.javacpp.BytePointer p) {
        return p == null || p.isNull() ? "unknown" : p.getString();
    }
}
