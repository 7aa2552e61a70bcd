package org.talkfx.media;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Streams a file's video as RGB frames, holding at most two decoded frames at a time. At a requested rate, the frame
 * for target time t is the last source frame whose presentation time is at or before t (the one on screen at t), so
 * variable frame rate sources come out right; the output ends where the last source frame's display ends.
 * Close it (try-with-resources) to free the decoder.
 */
public final class VideoDecoder implements Iterator<VideoFrame>, AutoCloseable {
    private static final double EPS = 1e-6;

    private final Path file;
    private final VideoRequest request;
    private final InputMedia in;
    private final FramePump pump;
    private final StreamInfo info;
    private final AVStream stream;
    private final double startOffset;
    private final double nominalFrameSeconds;
    /** Frame count from the container's index; 0 when it has none. */
    private final long declaredFrames;
    private RgbConverter converter;

    private AVFrame current = avutil.av_frame_alloc();
    private AVFrame lookahead = avutil.av_frame_alloc();
    private boolean hasCurrent;
    private boolean hasLookahead;
    private boolean endOfStream;
    private double currentPts;
    private double currentEnd;
    private double lookaheadPts;
    private double lookaheadEnd;
    private long decodedFrames;
    private long emitted;
    private VideoFrame next;
    private boolean closed;

    private VideoDecoder(Path file, VideoRequest request) {
        this.file = file;
        this.request = request;
        InputMedia opened = InputMedia.open(file);
        try {
            stream = opened.openDecoder(avutil.AVMEDIA_TYPE_VIDEO, "video");
            info = MediaProbe.describe(opened.format(), stream);
            startOffset = opened.streamStartSeconds();
            nominalFrameSeconds = info.fps() > 0 ? 1 / info.fps() : 1 / VideoRequest.MODEL_FPS;
            declaredFrames = stream.nb_frames();
            pump = new FramePump(opened);
            if (request.startSeconds() > 1.0) {
                pump.seek(request.startSeconds());
            }
        } catch (RuntimeException e) {
            opened.close();
            avutil.av_frame_free(current);
            avutil.av_frame_free(lookahead);
            throw e;
        }
        this.in = opened;
    }

    public static VideoDecoder open(Path file, VideoRequest request) {
        return new VideoDecoder(file, request);
    }

    /** Decodes every requested frame into {@code sink}; returns how many there were. */
    public static long forEach(Path file, VideoRequest request, Consumer<VideoFrame> sink) {
        try (VideoDecoder decoder = open(file, request)) {
            long n = 0;
            while (decoder.hasNext()) {
                sink.accept(decoder.next());
                n++;
            }
            return n;
        }
    }

    /** The video stream as probed (size, fps, colour, codec). */
    public StreamInfo info() {
        return info;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !closed) {
            next = request.fps() > 0 ? nextResampled() : nextSourceFrame();
            if (next == null && endOfStream && request.startSeconds() == 0 && declaredFrames > 0
                    && decodedFrames < declaredFrames) {
                // The index survived (e.g. an MP4 with its index first) but the data stops early.
                throw new BadInputException(file, "truncated or damaged: the header lists " + declaredFrames
                        + " frames but only " + decodedFrames + " could be decoded");
            }
            if (next == null && emitted == 0) {
                if (decodedFrames == 0) {
                    throw new BadInputException(file, "the video stream has no frames");
                }
                throw new BadInputException(file, String.format("start %.2f s is at or beyond the end of the video (%.2f s)",
                        request.startSeconds(), hasCurrent ? currentEnd : 0));
            }
        }
        return next != null;
    }

    @Override
    public VideoFrame next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        VideoFrame f = next;
        next = null;
        emitted++;
        return f;
    }

    private double limit() {
        return request.startSeconds() + request.durationSeconds();
    }

    private VideoFrame nextSourceFrame() {
        while (fillLookahead()) {
            promote();
            if (currentPts + EPS < request.startSeconds() && currentEnd <= request.startSeconds() + EPS) {
                continue;
            }
            if (currentPts >= limit() - EPS) {
                return null;
            }
            return new VideoFrame(current.width(), current.height(), currentRgb(), currentPts, emitted);
        }
        return null;
    }

    private VideoFrame nextResampled() {
        double t = request.startSeconds() + emitted / request.fps();
        if (t >= limit() - EPS) {
            return null;
        }
        while (fillLookahead() && (!hasCurrent || lookaheadPts <= t + EPS)) {
            promote();
        }
        if (!hasCurrent || (!hasLookahead && t >= currentEnd - EPS)) {
            return null;
        }
        return new VideoFrame(current.width(), current.height(), currentRgb(), t, emitted);
    }

    /** Ensures a lookahead frame if the stream has one more; false at the end. */
    private boolean fillLookahead() {
        if (hasLookahead) {
            return true;
        }
        if (endOfStream) {
            return false;
        }
        AVFrame f = pump.next();
        if (f == null) {
            endOfStream = true;
            return false;
        }
        decodedFrames++;
        long ts = f.best_effort_timestamp();
        double pts = ts == avutil.AV_NOPTS_VALUE
                ? (hasCurrent ? currentEnd : 0)
                : Ff.seconds(ts, stream.time_base()) - startOffset;
        double duration = f.duration() > 0 ? Ff.seconds(f.duration(), stream.time_base()) : nominalFrameSeconds;
        avutil.av_frame_unref(lookahead);
        avutil.av_frame_move_ref(lookahead, f);
        lookaheadPts = pts;
        lookaheadEnd = pts + duration;
        hasLookahead = true;
        return true;
    }

    private void promote() {
        avutil.av_frame_unref(current);
        avutil.av_frame_move_ref(current, lookahead);
        currentPts = lookaheadPts;
        currentEnd = lookaheadEnd;
        hasCurrent = true;
        hasLookahead = false;
    }

    /**
     * The current frame in RGB, in a new array every time: a repeated frame is converted again from the decoded
     * frame (still held), so callers may modify the arrays they get.
     */
    private byte[] currentRgb() {
        int w = current.width(), h = current.height(), fmt = current.format();
        if (converter == null || !converter.matches(w, h, fmt)) {
            if (converter != null) {
                converter.close();
            }
            ColorInfo color = new ColorInfo(current.color_range(), current.colorspace(), current.color_primaries(),
                    current.color_trc());
            boolean full = color.fullRange() || isJpegFormat(fmt);
            converter = new RgbConverter(w, h, fmt, true, full, color.effectiveSpace(h));
        }
        return converter.toRgb(current);
    }

    private static boolean isJpegFormat(int fmt) {
        return fmt == avutil.AV_PIX_FMT_YUVJ420P || fmt == avutil.AV_PIX_FMT_YUVJ422P || fmt == avutil.AV_PIX_FMT_YUVJ444P;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (converter != null) {
            converter.close();
        }
        avutil.av_frame_free(current);
        avutil.av_frame_free(lookahead);
        pump.close();
        in.close();
    }
}
