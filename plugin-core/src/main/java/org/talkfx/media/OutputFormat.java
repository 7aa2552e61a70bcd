package org.talkfx.media;

import org.bytedeco.ffmpeg.global.avutil;

/** The video outputs TalkFX writes, with their codec, pixel format and audio codec. */
public enum OutputFormat {
    /** Apple ProRes 422 HQ (prores_ks profile 3), 10-bit 4:2:2, PCM 16-bit audio, in QuickTime. */
    PRORES_422_HQ("mov", "prores_ks", avutil.AV_PIX_FMT_YUV422P10LE, "pcm_s16le"),
    /** H.264 (x264), 8-bit 4:2:0, AAC audio, in MP4. */
    H264_MP4("mp4", "libx264", avutil.AV_PIX_FMT_YUV420P, "aac"),
    /** A directory of lossless RGB PNG files frame_000000.png...; audio goes next to them as audio.wav. */
    PNG_SEQUENCE(null, "png", avutil.AV_PIX_FMT_RGB24, "pcm_s16le");

    final String muxer;
    final String codec;
    final int pixelFormat;
    final String audioCodec;

    OutputFormat(String muxer, String codec, int pixelFormat, String audioCodec) {
        this.muxer = muxer;
        this.codec = codec;
        this.pixelFormat = pixelFormat;
        this.audioCodec = audioCodec;
    }

    /** The format for a file name: .mov, .mp4, or a name without extension for a PNG sequence directory. */
    public static OutputFormat forFileName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".mov")) {
            return PRORES_422_HQ;
        }
        if (lower.endsWith(".mp4") || lower.endsWith(".m4v")) {
            return H264_MP4;
        }
        if (!lower.contains(".")) {
            return PNG_SEQUENCE;
        }
        throw new IllegalArgumentException("unknown video output type: " + name + " (use .mov, .mp4, or a directory name)");
    }
}
