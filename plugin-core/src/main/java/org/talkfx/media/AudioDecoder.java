package org.talkfx.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes the audio of any file FFmpeg reads (wav, mp3, aac/m4a, flac, ogg/opus, the audio track of mp4/mov/mkv) and
 * resamples it with libswresample. Channels are kept apart through resampling and averaged afterwards, which is what
 * librosa's {@code load(mono=True)} does for InfiniteTalk.
 */
public final class AudioDecoder {
    /** Starting this far before the offset after a seek leaves room for decoders that need a run-in. */
    private static final double SEEK_MARGIN_SECONDS = 1.0;

    private AudioDecoder() {
    }

    /** The model's input: mono float at {@code request.sampleRate()} (16 kHz unless asked otherwise). */
    public static DecodedAudio decode(Path file, AudioRequest request) {
        Decoded d = decodeChannels(file, request);
        return new DecodedAudio(d.pcm.mixToMono(), d.pcm.sampleRate(), request.offsetSeconds(), d.sourceDuration,
                d.sourceRate, d.sourceChannels, d.codec);
    }

    public static DecodedAudio decode(Path file) {
        return decode(file, AudioRequest.whole());
    }

    /** Every channel, at the requested rate (0: the source's). */
    public static PcmAudio decodePcm(Path file, AudioRequest request) {
        return decodeChannels(file, request).pcm;
    }

    private record Decoded(PcmAudio pcm, double sourceDuration, int sourceRate, int sourceChannels, String codec) {
    }

    private static Decoded decodeChannels(Path file, AudioRequest request) {
        try (InputMedia in = InputMedia.open(file)) {
            AVStream stream = in.openDecoder(avutil.AVMEDIA_TYPE_AUDIO, "audio");
            AVCodecContext dec = in.decoder();
            int channels = dec.ch_layout().nb_channels();
            int sourceRate = dec.sample_rate();
            if (channels <= 0 || sourceRate <= 0) {
                throw new BadInputException(file, "audio stream has no channels or no sample rate");
            }
            int outRate = request.sampleRate() == 0 ? sourceRate : request.sampleRate();
            double declared = declaredDuration(in.format(), stream);
            try (FramePump pump = new FramePump(in); Resampler rs = new Resampler(channels, outRate)) {
                boolean seeked = request.offsetSeconds() > SEEK_MARGIN_SECONDS * 2;
                if (seeked) {
                    pump.seek(request.offsetSeconds() - SEEK_MARGIN_SECONDS);
                }
                double firstSampleTime = Double.NaN;
                long wanted = Double.isInfinite(request.durationSeconds()) ? Long.MAX_VALUE
                        : (long) Math.ceil((request.offsetSeconds() + request.durationSeconds()) * outRate);
                long decodedInputSamples = 0;
                AVFrame frame;
                while ((frame = pump.next()) != null) {
                    if (Double.isNaN(firstSampleTime)) {
                        long ts = frame.best_effort_timestamp();
                        firstSampleTime = !seeked || ts == avutil.AV_NOPTS_VALUE ? 0
                                : Ff.seconds(ts, stream.time_base()) - in.streamStartSeconds();
                    }
                    decodedInputSamples += frame.nb_samples();
                    rs.convert(frame);
                    if (Math.round(firstSampleTime * outRate) + rs.length() >= wanted) {
                        break;
                    }
                }
                if (decodedInputSamples == 0) {
                    if (seeked) {
                        throw new BadInputException(file, String.format("offset %.2f s is at or beyond the end of the audio%s",
                                request.offsetSeconds(), declared > 0 ? String.format(" (%.2f s)", declared) : ""));
                    }
                    throw new BadInputException(file, "the audio stream has no samples");
                }
                rs.flush();
                double decodedSeconds = firstSampleTime + decodedInputSamples / (double) sourceRate;
                if (!seeked && Double.isInfinite(request.durationSeconds()) && declared > 0
                        && decodedSeconds < declared - Math.max(0.25, 0.02 * declared)) {
                    throw new BadInputException(file, String.format(
                            "truncated: the header announces %.2f s of audio but only %.2f s could be decoded", declared, decodedSeconds));
                }
                long missing = seeked || !Double.isInfinite(request.durationSeconds()) ? 0 : WavTruncation.missingBytes(file);
                if (missing > 0) {
                    throw new BadInputException(file, String.format(
                            "truncated: the WAV header announces %d more bytes of audio than the file holds", missing));
                }
                long skip = Math.round((request.offsetSeconds() - firstSampleTime) * outRate);
                long count = wanted == Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(request.durationSeconds() * outRate);
                double streamDuration = streamDuration(stream);
                if (streamDuration > 0) {
                    // AAC and others pad their last frame; the container's track duration says where the sound ends.
                    count = Math.min(count, Math.round((streamDuration - request.offsetSeconds()) * outRate));
                }
                float[][] data = rs.take(Math.max(0, skip), Math.max(0, count));
                if (data[0].length == 0) {
                    throw new BadInputException(file, String.format("offset %.2f s is at or beyond the end of the audio (%.2f s)",
                            request.offsetSeconds(), decodedSeconds));
                }
                double sourceDuration = declared > 0 ? declared : decodedSeconds;
                return new Decoded(new PcmAudio(data, outRate), sourceDuration, sourceRate, channels,
                        Ff.string(dec.codec().name()));
            }
        }
    }

    private static double streamDuration(AVStream stream) {
        return stream.duration() != avutil.AV_NOPTS_VALUE && stream.duration() > 0
                ? Ff.seconds(stream.duration(), stream.time_base()) : -1;
    }

    /** The stream's duration when the container states it (not when FFmpeg guessed it from the bit rate). */
    private static double declaredDuration(AVFormatContext fmt, AVStream stream) {
        if (fmt.duration_estimation_method() == avformat.AVFMT_DURATION_FROM_BITRATE) {
            return -1;
        }
        if (stream.duration() != avutil.AV_NOPTS_VALUE && stream.duration() > 0) {
            return Ff.seconds(stream.duration(), stream.time_base());
        }
        return fmt.duration() != avutil.AV_NOPTS_VALUE && fmt.duration() > 0 ? fmt.duration() / (double) avutil.AV_TIME_BASE : -1;
    }

    /** libswresample from whatever the decoder gives to planar float at a fixed rate, same channel count. */
    private static final class Resampler implements AutoCloseable {
        private final int channels;
        private final int outRate;
        private SwrContext swr;
        private int inRate;
        private int inFormat = -1;
        private FloatPointer[] buffers = new FloatPointer[0];
        private PointerPointer<FloatPointer> bufferPointers;
        private int capacity;
        private float[][] out;
        private int length;

        Resampler(int channels, int outRate) {
            this.channels = channels;
            this.outRate = outRate;
            this.out = new float[channels][1 << 16];
        }

        int length() {
            return length;
        }

        void convert(AVFrame frame) {
            if (swr == null || frame.format() != inFormat || frame.sample_rate() != inRate) {
                if (swr != null) {
                    flush();
                    swresample.swr_free(swr);
                    swr = null;
                }
                open(frame.format(), frame.sample_rate());
            }
            int maxOut = (int) ((long) frame.nb_samples() * outRate / inRate) + 64
                    + (int) swresample.swr_get_delay(swr, outRate);
            ensureCapacity(maxOut);
            int n = swresample.swr_convert(swr, bufferPointers, capacity, frame.extended_data(), frame.nb_samples());
            if (n < 0) {
                throw new IllegalStateException("swr_convert failed: " + Ff.error(n));
            }
            append(n);
        }

        void flush() {
            if (swr == null) {
                return;
            }
            ensureCapacity(4096);
            int n;
            while ((n = swresample.swr_convert(swr, bufferPointers, capacity, (PointerPointer<?>) null, 0)) > 0) {
                append(n);
            }
        }

        float[][] take(long skip, long count) {
            int from = (int) Math.min(skip, length);
            int to = (int) Math.min(length, from + Math.min(count, Integer.MAX_VALUE));
            float[][] result = new float[channels][];
            for (int c = 0; c < channels; c++) {
                result[c] = Arrays.copyOfRange(out[c], from, to);
            }
            return result;
        }

        private void open(int format, int rate) {
            inFormat = format;
            inRate = rate;
            try (AVChannelLayout inLayout = new AVChannelLayout(); AVChannelLayout outLayout = new AVChannelLayout()) {
                // Same default layout on both sides: no rematrixing, only format and rate conversion.
                avutil.av_channel_layout_default(inLayout, channels);
                avutil.av_channel_layout_default(outLayout, channels);
                SwrContext ctx = new SwrContext(null);
                int ret = swresample.swr_alloc_set_opts2(ctx, outLayout, avutil.AV_SAMPLE_FMT_FLTP, outRate,
                        inLayout, format, rate, 0, null);
                if (ret < 0 || ctx.isNull()) {
                    throw new IllegalStateException("swr_alloc_set_opts2 failed: " + Ff.error(ret));
                }
                swr = ctx;
                ret = swresample.swr_init(swr);
                if (ret < 0) {
                    throw new IllegalStateException("swr_init failed: " + Ff.error(ret));
                }
            }
        }

        private void ensureCapacity(int samples) {
            if (samples <= capacity) {
                return;
            }
            freeBuffers();
            capacity = Math.max(samples, 4096);
            buffers = new FloatPointer[channels];
            for (int c = 0; c < channels; c++) {
                buffers[c] = new FloatPointer(capacity);
            }
            bufferPointers = new PointerPointer<>(buffers);
        }

        private void append(int n) {
            if (length + n > out[0].length) {
                int size = Math.max(length + n, out[0].length * 2);
                for (int c = 0; c < channels; c++) {
                    out[c] = Arrays.copyOf(out[c], size);
                }
            }
            for (int c = 0; c < channels; c++) {
                buffers[c].get(out[c], length, n);
            }
            length += n;
        }

        private void freeBuffers() {
            for (FloatPointer p : buffers) {
                p.close();
            }
            if (bufferPointers != null) {
                bufferPointers.close();
            }
        }

        @Override
        public void close() {
            if (swr != null) {
                swresample.swr_free(swr);
                swr = null;
            }
            freeBuffers();
            buffers = new FloatPointer[0];
            bufferPointers = null;
        }
    }
}
