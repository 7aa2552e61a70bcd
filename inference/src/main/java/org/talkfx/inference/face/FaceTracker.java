package org.talkfx.inference.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Links per-frame detections into per-person tracks. Feed it one frame's faces at a time, in order, then call
 * {@link #finish()}: matching uses box overlap with a constant-velocity prediction (or the last-seen box) and
 * keypoint distance; short misses are interpolated, longer ones become gaps; tracks are smoothed with a two-way
 * (lag-free) one-euro filter.
 */
public final class FaceTracker {
    private static final int MATCH_KEYPOINTS = 4; // eyes, nose, mouth: the ears are often guessed
    private static final int END_RAMP_FRAMES = 5;
    private final TrackerConfig config;
    private final List<Raw> live = new ArrayList<>();
    private final List<Raw> all = new ArrayList<>();
    private int frame;

    public FaceTracker(TrackerConfig config) {
        this.config = config;
    }

    /** Number of frames added so far. */
    public int frames() {
        return frame;
    }

    /** The faces of the next frame (possibly none). */
    public void add(List<FaceDetection> faces) {
        live.removeIf(t -> frame - t.lastFrame() > config.keepAliveFrames());
        record Pair(Raw track, FaceDetection face, double cost) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Raw t : live) {
            // where the face would be if it kept moving, and where it was last seen (it may have stopped)
            for (Box predicted : List.of(t.predict(frame), t.lastBox())) {
                for (FaceDetection f : faces) {
                    float iou = predicted.iou(f.box());
                    float kp = keypointDistance(t, predicted, f);
                    if (iou >= config.minIou() || kp <= config.maxKeypointDistance()) {
                        pairs.add(new Pair(t, f, (1 - iou) + kp));
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::cost));
        List<Raw> taken = new ArrayList<>();
        List<FaceDetection> used = new ArrayList<>();
        for (Pair p : pairs) {
            if (!taken.contains(p.track) && used.stream().noneMatch(u -> u == p.face)) {
                p.track.add(frame, p.face);
                taken.add(p.track);
                used.add(p.face);
            }
        }
        for (FaceDetection f : faces) {
            if (used.stream().noneMatch(u -> u == f)) {
                Raw t = new Raw();
                t.add(frame, f);
                live.add(t);
                all.add(t);
            }
        }
        frame++;
    }

    /** The tracks so far, numbered by first appearance; tracks with too few detections are left out. */
    public List<FaceTrack> finish() {
        int needed = Math.min(config.minDetections(), Math.max(1, frame));
        List<FaceTrack> out = new ArrayList<>();
        for (Raw t : all) {
            if (t.frames.size() >= needed) {
                out.add(build(out.size() + 1, t));
            }
        }
        return out;
    }

    private float keypointDistance(Raw t, Box predicted, FaceDetection f) {
        FaceDetection last = t.faces.get(t.faces.size() - 1);
        float dx = predicted.centerX() - last.box().centerX();
        float dy = predicted.centerY() - last.box().centerY();
        float sum = 0;
        for (int k = 0; k < MATCH_KEYPOINTS; k++) {
            Point a = last.keypoints().get(k);
            sum += new Point(a.x() + dx, a.y() + dy).distance(f.keypoints().get(k));
        }
        return sum / MATCH_KEYPOINTS / Math.max(1f, Math.max(predicted.width(), f.box().width()));
    }

    private FaceTrack build(int id, Raw t) {
        List<TrackedFace> frames = new ArrayList<>();
        List<FaceTrack.Gap> gaps = new ArrayList<>();
        List<Sample> segment = new ArrayList<>();
        float scale = t.medianWidth();
        for (int i = 0; i < t.frames.size(); i++) {
            int f = t.frames.get(i);
            FaceDetection d = t.faces.get(i);
            if (i > 0) {
                int previous = t.frames.get(i - 1);
                int missed = f - previous - 1;
                if (missed > config.bridgeFrames()) {
                    gaps.add(new FaceTrack.Gap(previous + 1, f - 1));
                    frames.addAll(smooth(segment, scale));
                    segment.clear();
                } else {
                    FaceDetection before = t.faces.get(i - 1);
                    for (int m = previous + 1; m < f; m++) {
                        segment.add(new Sample(m, interpolate(before, d, (float) (m - previous) / (f - previous)), true));
                    }
                }
            }
            segment.add(new Sample(f, d, false));
        }
        frames.addAll(smooth(segment, scale));
        return new FaceTrack(id, frames, gaps);
    }

    private record Sample(int frame, FaceDetection face, boolean bridged) {
        float[] values(float scale) {
            Box b = face.box();
            float[] v = new float[4 + 2 * FaceModel.KEYPOINTS];
            v[0] = b.centerX();
            v[1] = b.centerY();
            v[2] = b.width();
            v[3] = b.height();
            for (int k = 0; k < FaceModel.KEYPOINTS; k++) {
                v[4 + 2 * k] = face.keypoints().get(k).x();
                v[5 + 2 * k] = face.keypoints().get(k).y();
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= scale;
            }
            return v;
        }
    }

    /**
     * One-euro filtering run forwards and backwards over a continuous stretch and averaged: the whole clip is
     * known, so the lag of each direction cancels out on moving heads. Values are in face widths, so beta is
     * independent of the frame size.
     */
    /**
     * Half-and-half inside a stretch; near its ends the pass that has just started (and so has no lag) takes over,
     * because the other one lags there by its full delay.
     */
    private static double forwardWeight(int i, int n) {
        double toEnd = Math.min(1, (n - 1 - i) / (double) END_RAMP_FRAMES);
        double fromStart = Math.min(1, i / (double) END_RAMP_FRAMES);
        return toEnd + fromStart == 0 ? 0.5 : toEnd / (toEnd + fromStart);
    }

    private List<TrackedFace> smooth(List<Sample> segment, float scale) {
        int n = segment.size();
        int dims = 4 + 2 * FaceModel.KEYPOINTS;
        float[][] raw = new float[n][];
        for (int i = 0; i < n; i++) {
            raw[i] = segment.get(i).values(scale);
        }
        double[][] sum = new double[n][dims];
        for (int d = 0; d < dims; d++) {
            int k = Math.min(n - 1, END_RAMP_FRAMES);
            double slope = k == 0 ? 0 : (raw[k][d] - raw[0][d]) / k * config.fps();
            double backSlope = k == 0 ? 0 : (raw[n - 1 - k][d] - raw[n - 1][d]) / k * config.fps();
            OneEuroFilter forward = new OneEuroFilter(config.fps(), config.minCutoffHz(), config.beta()).seedDerivative(slope);
            OneEuroFilter backward = new OneEuroFilter(config.fps(), config.minCutoffHz(), config.beta()).seedDerivative(backSlope);
            for (int i = 0; i < n; i++) {
                sum[i][d] += forward.filter(raw[i][d]) * forwardWeight(i, n);
                sum[n - 1 - i][d] += backward.filter(raw[n - 1 - i][d]) * (1 - forwardWeight(n - 1 - i, n));
            }
        }
        List<TrackedFace> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = sum[i];
            List<Point> kps = new ArrayList<>();
            for (int k = 0; k < FaceModel.KEYPOINTS; k++) {
                kps.add(new Point((float) v[4 + 2 * k] * scale, (float) v[5 + 2 * k] * scale));
            }
            Box face = Box.ofCenter((float) v[0] * scale, (float) v[1] * scale, (float) Math.max(0, v[2]) * scale,
                    (float) Math.max(0, v[3]) * scale);
            Sample s = segment.get(i);
            out.add(new TrackedFace(s.frame(), face, config.head().headBox(face, kps), kps,
                    s.bridged() ? 0 : s.face().score(), s.bridged()));
        }
        return out;
    }

    private static FaceDetection interpolate(FaceDetection a, FaceDetection b, float t) {
        List<Point> kps = new ArrayList<>();
        for (int k = 0; k < FaceModel.KEYPOINTS; k++) {
            Point p = a.keypoints().get(k);
            Point q = b.keypoints().get(k);
            kps.add(new Point(p.x() + (q.x() - p.x()) * t, p.y() + (q.y() - p.y()) * t));
        }
        return new FaceDetection(a.box().lerp(b.box(), t), 0, kps);
    }

    /** Detections of one track as they were matched. */
    private static final class Raw {
        final List<Integer> frames = new ArrayList<>();
        final List<FaceDetection> faces = new ArrayList<>();
        float vx;
        float vy;

        void add(int frame, FaceDetection face) {
            if (!faces.isEmpty()) {
                Box last = faces.get(faces.size() - 1).box();
                int dt = frame - lastFrame();
                // velocity in pixels per frame, lightly averaged against detector jitter
                vx = 0.5f * vx + 0.5f * (face.box().centerX() - last.centerX()) / dt;
                vy = 0.5f * vy + 0.5f * (face.box().centerY() - last.centerY()) / dt;
            }
            frames.add(frame);
            faces.add(face);
        }

        int lastFrame() {
            return frames.get(frames.size() - 1);
        }

        Box lastBox() {
            return faces.get(faces.size() - 1).box();
        }

        /** Constant velocity from the last sighting. */
        Box predict(int frame) {
            Box last = lastBox();
            int dt = frame - lastFrame();
            return new Box(last.x() + vx * dt, last.y() + vy * dt, last.width(), last.height());
        }

        float medianWidth() {
            float[] w = new float[faces.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = faces.get(i).box().width();
            }
            java.util.Arrays.sort(w);
            return Math.max(1f, w[w.length / 2]);
        }
    }
}
