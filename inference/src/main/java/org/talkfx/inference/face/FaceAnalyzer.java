package org.talkfx.inference.face;

import java.util.Iterator;
import java.util.List;

/** Detects and tracks the faces of a clip, frame by frame. */
public final class FaceAnalyzer {
    private final FaceDetector detector;
    private final TrackerConfig trackerConfig;

    public FaceAnalyzer(FaceDetector detector, TrackerConfig trackerConfig) {
        this.detector = detector;
        this.trackerConfig = trackerConfig;
    }

    /** All frames must share one size; the iterator is consumed. */
    public FaceAnalysis analyze(Iterator<RgbFrame> frames) {
        FaceTracker tracker = new FaceTracker(trackerConfig);
        int width = -1, height = -1, withFace = 0;
        while (frames.hasNext()) {
            RgbFrame frame = frames.next();
            if (width < 0) {
                width = frame.width();
                height = frame.height();
            } else if (frame.width() != width || frame.height() != height) {
                throw new IllegalArgumentException("frame " + tracker.frames() + " is " + frame.width() + "x"
                        + frame.height() + ", the clip is " + width + "x" + height);
            }
            List<FaceDetection> faces = detector.detect(frame);
            if (!faces.isEmpty()) {
                withFace++;
            }
            tracker.add(faces);
        }
        if (width < 0) {
            throw new IllegalArgumentException("no frames to analyse");
        }
        return new FaceAnalysis(width, height, tracker.frames(), tracker.finish(), withFace);
    }
}
