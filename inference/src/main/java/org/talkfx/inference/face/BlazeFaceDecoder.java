package org.talkfx.inference.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns raw BlazeFace outputs into faces in source pixels: anchor-relative boxes and keypoints (offsets in input
 * pixels, so divided by the input size), sigmoid scores on clipped logits, a score threshold, and MediaPipe's
 * weighted non-maximum suppression (overlapping candidates are blended by score instead of dropped).
 */
final class BlazeFaceDecoder {
    /** MediaPipe clips the logits before the sigmoid. */
    static final float SCORE_CLIP = 100f;
    private static final int VALUES = 4 + 2 * FaceModel.KEYPOINTS;

    private final FaceModel model;
    private final float[] anchors;

    BlazeFaceDecoder(FaceModel model) {
        this.model = model;
        this.anchors = SsdAnchors.centers(model);
    }

    /** A candidate in normalised input coordinates: xmin, ymin, xmax, ymax, then keypoint x,y pairs. */
    record Candidate(float score, float[] coords) {
    }

    /**
     * @param logits      896 raw scores, finer grid first
     * @param regressions 896 x 16 raw regressions in the same order
     */
    List<FaceDetection> decode(float[] logits, float[] regressions, Letterbox letterbox, DetectorConfig config) {
        List<Candidate> candidates = new ArrayList<>();
        float s = model.inputSize();
        for (int i = 0; i < FaceModel.ANCHORS; i++) {
            float logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, logits[i]));
            float score = (float) (1 / (1 + Math.exp(-logit)));
            if (!(score >= config.scoreThreshold())) {
                continue;
            }
            float ax = anchors[2 * i];
            float ay = anchors[2 * i + 1];
            int r = i * VALUES;
            float cx = regressions[r] / s + ax;
            float cy = regressions[r + 1] / s + ay;
            float w = regressions[r + 2] / s;
            float h = regressions[r + 3] / s;
            if (!(w > 0) || !(h > 0)) {
                continue;
            }
            float[] c = new float[4 + 2 * FaceModel.KEYPOINTS];
            c[0] = cx - w / 2;
            c[1] = cy - h / 2;
            c[2] = cx + w / 2;
            c[3] = cy + h / 2;
            for (int k = 0; k < FaceModel.KEYPOINTS; k++) {
                c[4 + 2 * k] = regressions[r + 4 + 2 * k] / s + ax;
                c[5 + 2 * k] = regressions[r + 5 + 2 * k] / s + ay;
            }
            candidates.add(new Candidate(score, c));
        }
        List<FaceDetection> faces = new ArrayList<>();
        for (Candidate c : weightedNms(candidates, config.nmsIou())) {
            if (faces.size() == config.maxFaces()) {
                break;
            }
            faces.add(toSource(c, letterbox));
        }
        return faces;
    }

    /** MediaPipe's WEIGHTED suppression: each cluster around the best remaining box becomes its score-weighted mean. */
    static List<Candidate> weightedNms(List<Candidate> candidates, float iouThreshold) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Candidate top = remaining.get(0);
            List<Candidate> cluster = new ArrayList<>();
            List<Candidate> rest = new ArrayList<>();
            for (Candidate c : remaining) {
                (iou(top.coords, c.coords) > iouThreshold || c == top ? cluster : rest).add(c);
            }
            float[] blended = new float[top.coords.length];
            float total = 0;
            for (Candidate c : cluster) {
                total += c.score;
                for (int j = 0; j < blended.length; j++) {
                    blended[j] += c.score * c.coords[j];
                }
            }
            for (int j = 0; j < blended.length; j++) {
                blended[j] /= total;
            }
            kept.add(new Candidate(top.score, blended));
            remaining = rest;
        }
        return kept;
    }

    private static float iou(float[] a, float[] b) {
        float iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        float ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        float inter = iw * ih;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    private static FaceDetection toSource(Candidate c, Letterbox lb) {
        float[] v = c.coords;
        Box box = Box.ofCorners(lb.toSourceX(v[0]), lb.toSourceY(v[1]), lb.toSourceX(v[2]), lb.toSourceY(v[3]));
        List<Point> keypoints = new ArrayList<>();
        for (int k = 0; k < FaceModel.KEYPOINTS; k++) {
            keypoints.add(new Point(lb.toSourceX(v[4 + 2 * k]), lb.toSourceY(v[5 + 2 * k])));
        }
        return new FaceDetection(box, c.score, keypoints);
    }
}
