package org.talkfx.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;

/**
 * An opened input file: the demuxer context and, once {@link #openDecoder} is called, one stream's decoder.
 * Owns both native structs and frees each exactly once in {@link #close()}.
 */
final class InputMedia implements AutoCloseable {
    final Path file;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private AVStream stream;

    private InputMedia(Path file, AVFormatContext format) {
        this.file = file;
        this.format = format;
    }

    static InputMedia open(Path file) {
        MediaFiles.requireReadableFile(file);
        Ff.init();
        AVFormatContext ctx = new AVFormatContext(null);
        int ret = avformat.avformat_open_input(ctx, file.toAbsolutePath().toString(), null, null);
        if (ret < 0) {
            // avformat_open_input frees the context itself on failure.
            throw new BadInputException(file, "cannot be read as media: not a media file, or damaged or truncated (FFmpeg: "
                    + Ff.error(ret) + ")");
        }
        InputMedia in = new InputMedia(file, ctx);
        try {
            ret = avformat.avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null);
            if (ret < 0) {
                throw new BadInputException(file, "damaged or truncated: cannot read stream information (" + Ff.error(ret) + ")");
            }
            return in;
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    AVFormatContext format() {
        return format;
    }

    AVStream stream() {
        return stream;
    }

    AVCodecContext decoder() {
        return decoder;
    }

    /** Opens the decoder of the best stream of {@code mediaType} (avutil.AVMEDIA_TYPE_*). */
    AVStream openDecoder(int mediaType, String kind) {
        int index = avformat.av_find_best_stream(format, mediaType, -1, -1, (AVCodec) null, 0);
        if (index < 0) {
            throw new BadInputException(file, "has no " + kind + " stream");
        }
        stream = format.streams(index);
        AVCodecParameters par = stream.codecpar();
        AVCodec codec = avcodec.avcodec_find_decoder(par.codec_id());
        if (codec == null) {
            String name = par.codec_id() == avcodec.AV_CODEC_ID_NONE
                    ? "an unknown codec (tag " + par.codec_tag() + ")" : Ff.string(avcodec.avcodec_get_name(par.codec_id()));
            throw new BadInputException(file, "unsupported codec: " + name + " has no decoder in this build");
        }
        for (int i = 0; i < format.nb_streams(); i++) {
            if (i != index) {
                format.streams(i).discard(avcodec.AVDISCARD_ALL);
            }
        }
        decoder = avcodec.avcodec_alloc_context3(codec);
        if (decoder == null) {
            throw new OutOfMemoryError("avcodec_alloc_context3");
        }
        int ret = avcodec.avcodec_parameters_to_context(decoder, par);
        if (ret >= 0) {
            decoder.pkt_timebase(stream.time_base());
            decoder.thread_count(0); // one thread per core; the pump's flush drains what frame threads hold back
            ret = avcodec.avcodec_open2(decoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        }
        if (ret < 0) {
            throw new BadInputException(file, "cannot open the " + Ff.string(codec.name()) + " decoder (" + Ff.error(ret) + ")");
        }
        return stream;
    }

    /** Stream start time in seconds (0 when unknown). */
    double streamStartSeconds() {
        long start = stream.start_time();
        return start == avutil.AV_NOPTS_VALUE ? 0 : Ff.seconds(start, stream.time_base());
    }

    @Override
    public void close() {
        if (decoder != null) {
            avcodec.avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat.avformat_close_input(format);
            format = null;
        }
    }
}
