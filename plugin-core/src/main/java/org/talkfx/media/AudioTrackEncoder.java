package org.talkfx.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes a {@link PcmAudio} into one stream of an {@link OutputMuxer}, a piece at a time so that its packets
 * interleave with video. Converts to the encoder's sample format and a rate it supports with libswresample and cuts
 * the encoder's frame size through an audio FIFO.
 */
final class AudioTrackEncoder implements AutoCloseable {
    private static final int CHUNK = 8192;

    private final OutputMuxer muxer;
    private final PcmAudio audio;
    private final AVStream stream;
    private final long bitRate;
    private AVCodecContext encoder;
    private SwrContext swr;
    private AVAudioFifo fifo;
    private AVFrame converted;
    private AVFrame frame;
    private AVPacket packet = avcodec.av_packet_alloc();
    private FloatPointer[] input;
    private PointerPointer<FloatPointer> inputPointers;
    private int frameSize;
    private int consumed;
    private long samplesSent;
    private boolean flushed;

    AudioTrackEncoder(OutputMuxer muxer, String codecName, PcmAudio audio, long bitRate) {
        this.bitRate = bitRate;
        this.muxer = muxer;
        this.audio = audio;
        this.stream = muxer.newStream();
        try {
            open(codecName);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void open(String codecName) {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(codecName);
        if (codec == null) {
            throw new IllegalStateException("this FFmpeg build has no " + codecName + " encoder");
        }
        encoder = avcodec.avcodec_alloc_context3(codec);
        int channels = audio.channelCount();
        int format = pickSampleFormat(codec);
        int rate = pickSampleRate(codec, audio.sampleRate());
        encoder.sample_fmt(format);
        encoder.sample_rate(rate);
        avutil.av_channel_layout_default(encoder.ch_layout(), channels);
        encoder.time_base(avutil.av_make_q(1, rate));
        if (bitRate > 0) {
            encoder.bit_rate(bitRate);
        }
        if (muxer.needsGlobalHeader()) {
            encoder.flags(encoder.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        int ret = avcodec.avcodec_open2(encoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (ret < 0) {
            throw new IllegalStateException("cannot open the " + codecName + " encoder: " + Ff.error(ret));
        }
        avcodec.avcodec_parameters_from_context(stream.codecpar(), encoder);
        stream.time_base(encoder.time_base());
        boolean variable = (codec.capabilities() & avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
        frameSize = encoder.frame_size() > 0 && !variable ? encoder.frame_size() : 1024;

        try (AVChannelLayout layout = new AVChannelLayout()) {
            avutil.av_channel_layout_default(layout, channels);
            SwrContext s = new SwrContext(null);
            ret = swresample.swr_alloc_set_opts2(s, layout, format, rate, layout, avutil.AV_SAMPLE_FMT_FLTP,
                    audio.sampleRate(), 0, null);
            if (ret < 0 || swresample.swr_init(s) < 0) {
                throw new IllegalStateException("cannot set up audio conversion: " + Ff.error(ret));
            }
            swr = s;
        }
        fifo = avutil.av_audio_fifo_alloc(format, channels, frameSize * 2);
        converted = audioFrame(format, channels, rate, (int) ((long) CHUNK * rate / audio.sampleRate()) + 256);
        frame = audioFrame(format, channels, rate, frameSize);
        input = new FloatPointer[channels];
        for (int c = 0; c < channels; c++) {
            input[c] = new FloatPointer(CHUNK);
        }
        inputPointers = new PointerPointer<>(input);
    }

    private AVFrame audioFrame(int format, int channels, int rate, int samples) {
        AVFrame f = avutil.av_frame_alloc();
        f.format(format);
        f.sample_rate(rate);
        avutil.av_channel_layout_default(f.ch_layout(), channels);
        f.nb_samples(samples);
        int ret = avutil.av_frame_get_buffer(f, 0);
        if (ret < 0) {
            throw new OutOfMemoryError("av_frame_get_buffer: " + Ff.error(ret));
        }
        return f;
    }

    private static int pickSampleFormat(AVCodec codec) {
        int[] formats = supported(codec, avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT);
        if (formats.length == 0) {
            return avutil.AV_SAMPLE_FMT_FLTP;
        }
        for (int f : formats) {
            if (f == avutil.AV_SAMPLE_FMT_FLTP) {
                return f;
            }
        }
        return formats[0];
    }

    /** The wanted rate if the codec takes it, else the next higher one it supports, else its highest. */
    private static int pickSampleRate(AVCodec codec, int wanted) {
        int[] rates = supported(codec, avcodec.AV_CODEC_CONFIG_SAMPLE_RATE);
        int higher = Integer.MAX_VALUE;
        int highest = 0;
        for (int r : rates) {
            if (r == wanted) {
                return r;
            }
            if (r > wanted) {
                higher = Math.min(higher, r);
            }
            highest = Math.max(highest, r);
        }
        return rates.length == 0 ? wanted : higher != Integer.MAX_VALUE ? higher : highest;
    }

    /** A codec's list of supported values (terminated by -1 or 0 in C); empty when anything goes. */
    private static int[] supported(AVCodec codec, int config) {
        try (PointerPointer<?> out = new PointerPointer<>(1); IntPointer count = new IntPointer(1)) {
            if (avcodec.avcodec_get_supported_config(null, codec, config, 0, out, count) < 0 || out.get(0) == null) {
                return new int[0];
            }
            IntPointer values = new IntPointer(out.get(0));
            int[] result = new int[count.get()];
            values.capacity(result.length).get(result);
            return result;
        }
    }

    /** Encodes the source up to {@code seconds} (clamped to its end). */
    void encodeUntil(double seconds) {
        int until = (int) Math.min(audio.frames(), Math.max(0, Math.round(seconds * audio.sampleRate())));
        while (consumed < until) {
            int n = Math.min(CHUNK, until - consumed);
            for (int c = 0; c < input.length; c++) {
                input[c].put(audio.channels()[c], consumed, n);
            }
            int got = swresample.swr_convert(swr, converted.extended_data(), converted.nb_samples(), inputPointers, n);
            if (got < 0) {
                throw new IllegalStateException("swr_convert failed: " + Ff.error(got));
            }
            avutil.av_audio_fifo_write(fifo, converted.extended_data(), got);
            consumed += n;
            sendFullFrames(false);
        }
    }

    /** Encodes everything left, including what the resampler and the encoder hold back, and flushes the encoder. */
    void finish() {
        if (flushed) {
            return;
        }
        encodeUntil(Double.POSITIVE_INFINITY);
        int got;
        while ((got = swresample.swr_convert(swr, converted.extended_data(), converted.nb_samples(), (PointerPointer<?>) null, 0)) > 0) {
            avutil.av_audio_fifo_write(fifo, converted.extended_data(), got);
        }
        sendFullFrames(true);
        avcodec.avcodec_send_frame(encoder, null);
        muxer.drain(encoder, stream, packet);
        flushed = true;
    }

    private void sendFullFrames(boolean includeShortLast) {
        while (avutil.av_audio_fifo_size(fifo) >= frameSize || (includeShortLast && avutil.av_audio_fifo_size(fifo) > 0)) {
            int n = Math.min(frameSize, avutil.av_audio_fifo_size(fifo));
            int ret = avutil.av_frame_make_writable(frame);
            if (ret < 0) {
                throw new OutOfMemoryError("av_frame_make_writable: " + Ff.error(ret));
            }
            frame.nb_samples(n);
            avutil.av_audio_fifo_read(fifo, frame.extended_data(), n);
            frame.pts(samplesSent);
            samplesSent += n;
            ret = avcodec.avcodec_send_frame(encoder, frame);
            if (ret < 0) {
                throw new IllegalStateException("audio encoder rejected a frame: " + Ff.error(ret));
            }
            muxer.drain(encoder, stream, packet);
        }
    }

    @Override
    public void close() {
        if (encoder != null) {
            avcodec.avcodec_free_context(encoder);
            encoder = null;
        }
        if (swr != null) {
            swresample.swr_free(swr);
            swr = null;
        }
        if (fifo != null) {
            avutil.av_audio_fifo_free(fifo);
            fifo = null;
        }
        if (converted != null) {
            avutil.av_frame_free(converted);
            converted = null;
        }
        if (frame != null) {
            avutil.av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            avcodec.av_packet_free(packet);
            packet = null;
        }
        if (input != null) {
            for (FloatPointer p : input) {
                p.close();
            }
            inputPointers.close();
            input = null;
        }
    }
}
