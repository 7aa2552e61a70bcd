package org.talkfx.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which FFmpeg natives loaded and which of the codecs TalkFX relies on they carry. */
public record FfmpegInfo(String version, Map<String, Boolean> encoders, Map<String, Boolean> decoders) {
    /** Encoders the outputs need: ProRes 422 HQ, H.264 (x264 from the GPL natives), PNG, AAC and PCM audio. */
    public static final String[] ENCODERS = {"prores_ks", "libx264", "png", "aac", "pcm_s16le"};
    public static final String[] DECODERS = {"h264", "hevc", "prores", "png", "mjpeg", "aac", "mp3", "flac", "opus", "vorbis", "pcm_s16le"};

    public static FfmpegInfo probe() {
        int v = avformat.avformat_version();
        String version = "libavformat " + (v >> 16) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff)
                + ", libavutil " + formatVersion(avutil.avutil_version());
        Map<String, Boolean> enc = new LinkedHashMap<>();
        for (String name : ENCODERS) {
            enc.put(name, avcodec.avcodec_find_encoder_by_name(name) != null);
        }
        Map<String, Boolean> dec = new LinkedHashMap<>();
        for (String name : DECODERS) {
            dec.put(name, avcodec.avcodec_find_decoder_by_name(name) != null);
        }
        return new FfmpegInfo(version, enc, dec);
    }

    private static String formatVersion(int v) {
        return (v >> 16) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }
}
