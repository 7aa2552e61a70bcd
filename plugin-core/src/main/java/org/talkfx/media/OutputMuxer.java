package org.talkfx.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;

/** An output container written to a temporary file; owns the format context and its I/O context. */
final class OutputMuxer implements AutoCloseable {
    private final Path output;
    private final Path temp;
    private AVFormatContext ctx;
    private boolean ioOpen;

    /** @param formatName FFmpeg muxer name ("mov", "mp4", "wav", ...) or null to guess from {@code output}'s name */
    OutputMuxer(Path output, Path temp, String formatName) {
        this.output = output;
        this.temp = temp;
        Ff.init();
        AVOutputFormat format = avformat.av_guess_format(formatName, formatName == null ? output.getFileName().toString() : null, null);
        if (format == null) {
            throw new BadInputException(output, "no FFmpeg muxer for this file name");
        }
        AVFormatContext c = new AVFormatContext(null);
        // The context keeps the temporary path as its URL: muxers that reopen the file (MP4 faststart) need it.
        int ret = avformat.avformat_alloc_output_context2(c, format, (String) null, temp.toString());
        if (ret < 0 || c.isNull()) {
            throw new IllegalStateException("avformat_alloc_output_context2 failed: " + Ff.error(ret));
        }
        ctx = c;
    }

    AVFormatContext context() {
        return ctx;
    }

    boolean needsGlobalHeader() {
        return (ctx.oformat().flags() & avformat.AVFMT_GLOBALHEADER) != 0;
    }

    AVStream newStream() {
        AVStream s = avformat.avformat_new_stream(ctx, null);
        if (s == null) {
            throw new OutOfMemoryError("avformat_new_stream");
        }
        return s;
    }

    void writeHeader() {
        writeHeader(null, null);
    }

    /** Writes the header with one muxer option (e.g. movflags=+faststart), or none when {@code key} is null. */
    void writeHeader(String key, String value) {
        if ((ctx.oformat().flags() & avformat.AVFMT_NOFILE) == 0) {
            AVIOContext pb = new AVIOContext(null);
            int ret = avformat.avio_open(pb, temp.toString(), avformat.AVIO_FLAG_WRITE);
            if (ret < 0) {
                throw new BadInputException(output, "cannot create the output file (" + Ff.error(ret) + ")");
            }
            ctx.pb(pb);
            ioOpen = true;
        }
        AVDictionary options = new AVDictionary(null);
        int ret;
        try {
            if (key != null) {
                avutil.av_dict_set(options, key, value, 0);
            }
            ret = avformat.avformat_write_header(ctx, options);
        } finally {
            avutil.av_dict_free(options);
        }
        if (ret < 0) {
            throw new BadInputException(output, "cannot write the container header (" + Ff.error(ret) + ")");
        }
    }

    /** Pulls every packet the encoder has ready and writes it to {@code stream}. */
    void drain(AVCodecContext encoder, AVStream stream, AVPacket packet) {
        while (true) {
            int ret = avcodec.avcodec_receive_packet(encoder, packet);
            if (ret == Ff.EAGAIN || ret == Ff.EOF) {
                return;
            }
            if (ret < 0) {
                throw new IllegalStateException("encoder failed: " + Ff.error(ret));
            }
            avcodec.av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            // Takes over the packet's reference and leaves it blank.
            ret = avformat.av_interleaved_write_frame(ctx, packet);
            if (ret < 0) {
                throw new BadInputException(output, "cannot write to the output (" + Ff.error(ret) + ")");
            }
        }
    }

    void writeTrailer() {
        int ret = avformat.av_write_trailer(ctx);
        if (ret < 0) {
            throw new BadInputException(output, "cannot finish the output file (" + Ff.error(ret) + ")");
        }
    }

    @Override
    public void close() {
        if (ctx != null) {
            if (ioOpen) {
                avformat.avio_close(ctx.pb());
                ctx.pb(null);
                ioOpen = false;
            }
            avformat.avformat_free_context(ctx);
            ctx = null;
        }
    }
}
