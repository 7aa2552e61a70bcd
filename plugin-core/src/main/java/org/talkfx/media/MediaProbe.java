package org.talkfx.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a file's container and stream headers (no decoding): duration, streams, fps, size, codecs, colour. */
public final class MediaProbe {
    private MediaProbe() {
    }

    public static MediaInfo probe(Path file) {
        try (InputMedia in = InputMedia.open(file)) {
            AVFormatContext fmt = in.format();
            List<StreamInfo> streams = new ArrayList<>();
            for (int i = 0; i < fmt.nb_streams(); i++) {
                AVStream s = fmt.streams(i);
                if ((s.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0) {
                    continue; // cover art is not a video track
                }
                streams.add(describe(fmt, s));
            }
            double duration = fmt.duration() == avutil.AV_NOPTS_VALUE ? 0 : fmt.duration() / (double) avutil.AV_TIME_BASE;
            return new MediaInfo(file, Ff.string(fmt.iformat().name()), duration, fmt.bit_rate(), streams);
        }
    }

    static StreamInfo describe(AVFormatContext fmt, AVStream s) {
        AVCodecParameters p = s.codecpar();
        String type = switch (p.codec_type()) {
            case avutil.AVMEDIA_TYPE_VIDEO -> "video";
            case avutil.AVMEDIA_TYPE_AUDIO -> "audio";
            case avutil.AVMEDIA_TYPE_SUBTITLE -> "subtitle";
            case avutil.AVMEDIA_TYPE_DATA -> "data";
            default -> "other";
        };
        double duration = s.duration() != avutil.AV_NOPTS_VALUE && s.duration() > 0
                ? Ff.seconds(s.duration(), s.time_base())
                : fmt.duration() == avutil.AV_NOPTS_VALUE ? 0 : fmt.duration() / (double) avutil.AV_TIME_BASE;
        String codec = Ff.string(avcodec.avcodec_get_name(p.codec_id()));
        if ("video".equals(type)) {
            double avg = Ff.toDouble(s.avg_frame_rate());
            double nominal = Ff.toDouble(s.r_frame_rate());
            double fps = avg > 0 ? avg : nominal;
            boolean vfr = avg > 0 && nominal > 0 && Math.abs(avg - nominal) / nominal > 0.01;
            long frames = s.nb_frames() > 0 ? s.nb_frames() : Math.round(duration * fps);
            ColorInfo color = new ColorInfo(p.color_range(), p.color_space(), p.color_primaries(), p.color_trc());
            return new StreamInfo(s.index(), type, codec, duration, p.width(), p.height(), fps, vfr, frames,
                    Ff.string(avutil.av_get_pix_fmt_name(p.format())), color, 0, 0, "");
        }
        if ("audio".equals(type)) {
            return new StreamInfo(s.index(), type, codec, duration, 0, 0, 0, false, 0, "", null,
                    p.sample_rate(), p.ch_layout().nb_channels(), Ff.string(avutil.av_get_sample_fmt_name(p.format())));
        }
        return new StreamInfo(s.index(), type, codec, duration, 0, 0, 0, false, 0, "", null, 0, 0, "");
    }
}
