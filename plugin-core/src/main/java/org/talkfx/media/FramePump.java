package org.talkfx.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.talkfx.common.BadInputException;

/**
 * Reads packets of one stream and pulls decoded frames out of its decoder, including the frames the decoder holds
 * back until it is flushed with an empty packet (forgetting that drops the last frames of H.264 and friends).
 */
final class FramePump implements AutoCloseable {
    private static final int MAX_ERRORS_BEFORE_FIRST_FRAME = 32;

    private final InputMedia in;
    private final AVCodecContext decoder;
    private final int streamIndex;
    private AVPacket packet = avcodec.av_packet_alloc();
    private AVFrame frame = avutil.av_frame_alloc();
    private boolean flushed;
    private boolean drained;
    private long framesOut;
    private int errors;

    FramePump(InputMedia in) {
        this.in = in;
        this.decoder = in.decoder();
        this.streamIndex = in.stream().index();
    }

    /**
     * The next decoded frame, or null when the stream is exhausted. The frame belongs to the pump and is valid only
     * until the next call (it is unreferenced then); callers copy what they need or take a reference.
     */
    AVFrame next() {
        if (drained) {
            return null;
        }
        avutil.av_frame_unref(frame);
        while (true) {
            int ret = avcodec.avcodec_receive_frame(decoder, frame);
            if (ret >= 0) {
                framesOut++;
                return frame;
            }
            if (ret == Ff.EOF) {
                drained = true;
                return null;
            }
            if (ret != Ff.EAGAIN) {
                decodeError(ret);
                continue;
            }
            if (flushed) {
                // A flushed decoder answers EOF, never EAGAIN; guard against a loop all the same.
                drained = true;
                return null;
            }
            sendNextPacket();
        }
    }

    /** Seeks to the key frame at or before {@code seconds} (stream time) and resets the decoder. */
    void seek(double seconds) {
        var tb = in.stream().time_base();
        long ts = Math.round(seconds * tb.den() / tb.num());
        long start = in.stream().start_time();
        if (start != avutil.AV_NOPTS_VALUE) {
            ts += start;
        }
        if (avformat.av_seek_frame(in.format(), streamIndex, ts, avformat.AVSEEK_FLAG_BACKWARD) >= 0) {
            avcodec.avcodec_flush_buffers(decoder);
        }
    }

    private void sendNextPacket() {
        while (true) {
            int ret = avformat.av_read_frame(in.format(), packet);
            if (ret < 0) {
                if (ret != Ff.EOF && framesOut == 0) {
                    throw new BadInputException(in.file, "damaged or truncated: " + Ff.error(ret));
                }
                // End of input (or a read error after good data, as in a truncated file): flush what is buffered.
                avcodec.avcodec_send_packet(decoder, null);
                flushed = true;
                return;
            }
            try {
                if (packet.stream_index() != streamIndex) {
                    continue;
                }
                ret = avcodec.avcodec_send_packet(decoder, packet);
                if (ret < 0 && ret != Ff.EAGAIN) {
                    decodeError(ret);
                    continue;
                }
                return;
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    private void decodeError(int ret) {
        errors++;
        if (framesOut == 0 && errors >= MAX_ERRORS_BEFORE_FIRST_FRAME) {
            throw new BadInputException(in.file, "damaged: the decoder rejects the data (" + Ff.error(ret) + ")");
        }
    }

    @Override
    public void close() {
        if (packet != null) {
            avcodec.av_packet_free(packet);
            packet = null;
        }
        if (frame != null) {
            avutil.av_frame_free(frame);
            frame = null;
        }
    }
}
