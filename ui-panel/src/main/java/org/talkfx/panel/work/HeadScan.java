package org.talkfx.panel.work;

import org.talkfx.inference.face.DetectorConfig;
import org.talkfx.inference.face.FaceAnalysis;
import org.talkfx.inference.face.FaceAnalyzer;
import org.talkfx.inference.face.FaceDetector;
import org.talkfx.inference.face.FaceModelLocator;
import org.talkfx.inference.face.FaceTrack;
import org.talkfx.inference.face.TrackerConfig;
import org.talkfx.inference.face.TrackedFace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Face tracks of the shot's source (blocking; the panel runs it on a worker thread with a cancel flag). */
public final class HeadScan {
    private HeadScan() {
    }

    /** A head to draw at one frame: the track it belongs to and its box in source pixels. */
    public record Head(int track, float x, float y, float width, float height) {
        public boolean contains(double px, double py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }

    /** Tracks faces over source frames {@code [from, to)} ({@code to < 0}: to the end); cancelling throws. */
    public static FaceAnalysis scan(Path source, long from, long to, double fps, BooleanSupplier cancelled) {
        FaceAnalysis a;
        try (FaceDetector detector = FaceDetector.open(FaceModelLocator.defaults(), DetectorConfig.defaults())) {
            a = new FaceAnalyzer(detector, TrackerConfig.defaults().withFps(fps))
                    .analyze(FrameGrab.frames(source, from, to, fps, cancelled));
        } catch (IllegalArgumentException e) {
            if (cancelled.getAsBoolean()) {     // stopped before the first frame: the analyser had nothing to do
                throw new CancellationException("head detection cancelled");
            }
            throw e;
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("head detection cancelled");
        }
        return a;
    }

    /** The heads on screen at {@code frame} (counted from the first scanned frame); a still shows frame 0 always. */
    public static List<Head> headsAt(FaceAnalysis analysis, int frame) {
        List<Head> out = new ArrayList<>();
        int f = analysis.frames() <= 1 ? 0 : Math.max(0, Math.min(frame, analysis.frames() - 1));
        for (FaceTrack t : analysis.tracks()) {
            t.at(f).map(TrackedFace::head).ifPresent(b -> out.add(new Head(t.id(), b.x(), b.y(), b.width(), b.height())));
        }
        return out;
    }
}
