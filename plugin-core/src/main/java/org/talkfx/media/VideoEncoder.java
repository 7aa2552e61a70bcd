package org.talkfx.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes RGB frames as ProRes 422 HQ .mov, H.264 .mp4 or a PNG sequence, with an optional audio track, the colour
 * description of the settings, and progress after each frame. Output goes to a hidden temporary name that
 * {@link #finish()} renames into place; closing without finishing (or any failure) deletes it.
 */
public final class VideoEncoder implements AutoCloseable {
    /** Codec ticks per frame: lets {@link #writeAt} place frames between the nominal frame slots (VFR). */
    private static final int TICKS_PER_FRAME = 100;

    private final Path output;
    private final Path temp;
    private final EncodeSettings settings;
    private final EncodeProgress progress;
    private OutputMuxer muxer;
    private AVCodecContext encoder;
    private AVStream stream;
    private AVFrame frame;
    private AVPacket packet;
    private RgbConverter converter;
    private AudioTrackEncoder audio;
    private long written;
    private long pngFilesWritten;
    private long lastPts = Long.MIN_VALUE;
    private boolean finished;
    private boolean closed;

    private VideoEncoder(Path output, EncodeSettings settings, EncodeProgress progress) {
        this.output = output;
        this.settings = settings;
        this.progress = progress == null ? EncodeProgress.NONE : progress;
        MediaFiles.requireWritableTarget(output);
        if (settings.format() == OutputFormat.PNG_SEQUENCE) {
            requireEmptyOrAbsent(output);
        } else if (Files.isDirectory(output)) {
            throw new BadInputException(output, "is a directory; expected a file name");
        }
        this.temp = MediaFiles.temporarySibling(output);
        try {
            open();
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    public static VideoEncoder open(Path output, EncodeSettings settings, EncodeProgress progress) {
        return new VideoEncoder(output, settings, progress);
    }

    private static void requireEmptyOrAbsent(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir, "is a file; a PNG sequence is written into a directory");
        }
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException(dir, "output directory already exists and is not empty");
                }
            } catch (IOException e) {
                throw new BadInputException(dir, "exists and cannot be listed: " + e.getMessage(), e);
            }
        }
    }

    private void open() {
        Ff.init();
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(settings.format().codec);
        if (codec == null) {
            throw new IllegalStateException("this FFmpeg build has no " + settings.format().codec + " encoder");
        }
        boolean png = settings.format() == OutputFormat.PNG_SEQUENCE;
        if (png) {
            try {
                Files.createDirectory(temp);
            } catch (IOException e) {
                throw new BadInputException(output, "cannot create the output directory: " + e.getMessage(), e);
            }
        } else {
            muxer = new OutputMuxer(output, temp, settings.format().muxer);
            stream = muxer.newStream();
        }
        encoder = avcodec.avcodec_alloc_context3(codec);
        encoder.width(settings.width());
        encoder.height(settings.height());
        encoder.pix_fmt(settings.format().pixelFormat);
        encoder.time_base(avutil.av_make_q(settings.fpsDen(), settings.fpsNum() * TICKS_PER_FRAME));
        encoder.framerate(avutil.av_make_q(settings.fpsNum(), settings.fpsDen()));
        encoder.sample_aspect_ratio(avutil.av_make_q(1, 1));
        encoder.thread_count(0);
        ColorInfo color = settings.color();
        if (!png) {
            encoder.color_range(color.range());
            encoder.colorspace(color.space());
            encoder.color_primaries(color.primaries());
            encoder.color_trc(color.transfer());
            if (muxer.needsGlobalHeader()) {
                encoder.flags(encoder.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
            }
        }
        switch (settings.format()) {
            case PRORES_422_HQ -> {
                avutil.av_opt_set(encoder.priv_data(), "profile", "hq", 0);
                avutil.av_opt_set(encoder.priv_data(), "vendor", "apl0", 0);
            }
            case H264_MP4 -> {
                avutil.av_opt_set(encoder.priv_data(), "crf", Integer.toString(settings.crf()), 0);
                avutil.av_opt_set(encoder.priv_data(), "preset", settings.preset(), 0);
            }
            case PNG_SEQUENCE -> { }
        }
        int ret = avcodec.avcodec_open2(encoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (ret < 0) {
            throw new IllegalStateException("cannot open the " + settings.format().codec + " encoder: " + Ff.error(ret));
        }
        if (!png) {
            avcodec.avcodec_parameters_from_context(stream.codecpar(), encoder);
            stream.time_base(encoder.time_base());
            stream.avg_frame_rate(encoder.framerate());
            if (settings.audio() != null) {
                audio = new AudioTrackEncoder(muxer, settings.format().audioCodec, settings.audio(),
                        settings.format() == OutputFormat.H264_MP4 ? 192_000 : 0);
            }
            if (settings.format() == OutputFormat.H264_MP4) {
                // Index first: players and browsers can start at once. (Not for ProRes masters: the rewrite of a
                // multi-gigabyte file at the end costs more than it gives in an editor.)
                muxer.writeHeader("movflags", "+faststart");
            } else {
                muxer.writeHeader();
            }
        }
        frame = avutil.av_frame_alloc();
        frame.format(settings.format().pixelFormat);
        frame.width(settings.width());
        frame.height(settings.height());
        ret = avutil.av_frame_get_buffer(frame, 0);
        if (ret < 0) {
            throw new OutOfMemoryError("av_frame_get_buffer: " + Ff.error(ret));
        }
        packet = avcodec.av_packet_alloc();
        converter = new RgbConverter(settings.width(), settings.height(), settings.format().pixelFormat, false,
                color.fullRange(), color.effectiveSpace(settings.height()));
    }

    /** Writes the next frame at the nominal rate. */
    public void write(byte[] rgb) {
        writeTicks(rgb, lastPts == Long.MIN_VALUE ? 0 : lastPts + TICKS_PER_FRAME);
    }

    public void write(VideoFrame f) {
        if (f.width() != settings.width() || f.height() != settings.height()) {
            throw new IllegalArgumentException("frame is " + f.width() + "x" + f.height() + ", output is "
                    + settings.width() + "x" + settings.height());
        }
        write(f.rgb());
    }

    /** Writes a frame at its own time (seconds from the start), for variable frame rate output. */
    public void writeAt(byte[] rgb, double ptsSeconds) {
        long ticks = Math.round(ptsSeconds * settings.fpsNum() * TICKS_PER_FRAME / settings.fpsDen());
        if (ticks <= lastPts) {
            throw new IllegalArgumentException("timestamps must increase: " + ptsSeconds + " s");
        }
        writeTicks(rgb, ticks);
    }

    private void writeTicks(byte[] rgb, long pts) {
        if (finished || closed) {
            throw new IllegalStateException("encoder already finished or closed");
        }
        if (rgb.length != settings.width() * settings.height() * 3) {
            throw new IllegalArgumentException("rgb must hold width*height*3 bytes");
        }
        try {
            int ret = avutil.av_frame_make_writable(frame);
            if (ret < 0) {
                throw new OutOfMemoryError("av_frame_make_writable: " + Ff.error(ret));
            }
            converter.fromRgb(rgb, frame);
            frame.pts(pts);
            // Gives the last packet a duration, so the container knows how long the final frame shows.
            frame.duration(TICKS_PER_FRAME);
            lastPts = pts;
            send(frame);
            written++;
            if (audio != null) {
                audio.encodeUntil((pts + TICKS_PER_FRAME) / (double) TICKS_PER_FRAME / settings.fps());
            }
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
        progress.framesWritten(written, settings.expectedFrames());
    }

    private void send(AVFrame f) {
        int ret = avcodec.avcodec_send_frame(encoder, f);
        if (ret < 0 && ret != Ff.EOF) {
            throw new IllegalStateException("video encoder rejected a frame: " + Ff.error(ret));
        }
        if (muxer != null) {
            muxer.drain(encoder, stream, packet);
        } else {
            drainToPngFiles();
        }
    }

    private void drainToPngFiles() {
        while (avcodec.avcodec_receive_packet(encoder, packet) >= 0) {
            try {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                Files.write(temp.resolve(pngName(pngFilesWritten++)), data);
            } catch (IOException e) {
                throw new BadInputException(output, "cannot write a PNG file: " + e.getMessage(), e);
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    /** The file name of frame {@code index} in a PNG sequence. */
    public static String pngName(long index) {
        return String.format("frame_%06d.png", index);
    }

    public long framesWritten() {
        return written;
    }

    /** Flushes the encoders, completes the container and moves it to the output name. */
    public void finish() {
        if (finished) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        try {
            if (written == 0) {
                throw new IllegalStateException("no frames were written to " + output);
            }
            send(null);
            if (muxer != null) {
                if (audio != null) {
                    audio.finish();
                }
                muxer.writeTrailer();
            } else if (settings.audio() != null) {
                Path wav = temp.resolve("audio.wav");
                AudioFileWriter.writeTo(wav, wav, settings.audio(), "pcm_s16le", "wav");
            }
            freeNative();
            MediaFiles.commit(temp, output);
            finished = true;
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    private void abort() {
        freeNative();
        closed = true;
        MediaFiles.deleteQuietly(temp);
    }

    private void freeNative() {
        if (audio != null) {
            audio.close();
            audio = null;
        }
        if (converter != null) {
            converter.close();
            converter = null;
        }
        if (frame != null) {
            avutil.av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            avcodec.av_packet_free(packet);
            packet = null;
        }
        if (encoder != null) {
            avcodec.avcodec_free_context(encoder);
            encoder = null;
        }
        if (muxer != null) {
            muxer.close();
            muxer = null;
        }
    }

    /** Without {@link #finish()}, discards the partial output. */
    @Override
    public void close() {
        if (!finished && !closed) {
            abort();
        }
        closed = true;
    }
}
