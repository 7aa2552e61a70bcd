package org.talkfx.inference.face;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracks on clips built from astronaut.png, detected by the real BlazeFace model. */
class FaceTrackerTest {
    static final int W = 640, H = 360, FRAMES = 40;
    static FaceDetector detector;
    static List<List<FaceDetection>> pan = new ArrayList<>();

    @BeforeAll
    static void detectPan() {
        detector = FaceDetector.open(TestImages.modelFile(FaceModel.BACK_256), DetectorConfig.defaults());
        BufferedImage astronaut = TestImages.image("astronaut.png");
        for (int i = 0; i < FRAMES; i++) {
            pan.add(detector.detect(panFrame(astronaut, i)));
        }
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    /** Pans left to right across 640x360 while zooming in from 0.5x to 0.9x. */
    static float scale(int i) {
        return 0.5f + 0.4f * i / (FRAMES - 1);
    }

    static float x(int i) {
        return -60 + 8f * i;
    }

    static float y(int i) {
        return 20 - 1.5f * i;
    }

    static RgbFrame panFrame(BufferedImage src, int i) {
        int size = Math.round(512 * scale(i));
        return TestImages.placed(src, W, H, Math.round(x(i)), Math.round(y(i)), size, size);
    }

    static List<FaceTrack> track(IntPredicate blank) {
        FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        for (int i = 0; i < FRAMES; i++) {
            tracker.add(blank.test(i) ? List.of() : pan.get(i));
        }
        return tracker.finish();
    }

    @Test
    void aPannedZoomedClipGivesOneContinuousSmoothTrack() {
        assertThat(pan).allSatisfy(faces -> assertThat(faces).hasSize(1));
        List<FaceTrack> tracks = track(i -> false);
        assertThat(tracks).hasSize(1);
        FaceTrack t = tracks.get(0);
        assertThat(t.frames()).hasSize(FRAMES);
        assertThat(t.gaps()).isEmpty();
        for (TrackedFace f : t.frames()) {
            // the nose tip measured by hand at (225, 127) on the unscaled portrait
            Point expectedNose = new Point(x(f.frame()) + 225 * scale(f.frame()), y(f.frame()) + 127 * scale(f.frame()));
            assertThat(f.keypoints().get(FaceDetection.Keypoint.NOSE_TIP.ordinal()).distance(expectedNose))
                    .as("frame %d", f.frame()).isLessThan(6);
            assertThat(f.head().width()).isGreaterThan(f.face().width());
        }
        // the true motion has no acceleration; smoothing must remove most of the detector's jitter
        double rawJitter = 0, smoothedJitter = 0;
        for (int i = 2; i < FRAMES; i++) {
            rawJitter += Math.pow(accelX(i, k -> pan.get(k).get(0).box()), 2);
            float a = accelX(i, k -> t.frames().get(k).face());
            smoothedJitter += a * a;
            assertThat(Math.abs(a)).as("frame %d", i).isLessThan(5);
        }
        System.out.printf("pan: RMS acceleration raw %.2f px/frame^2, smoothed %.2f%n",
                Math.sqrt(rawJitter / (FRAMES - 2)), Math.sqrt(smoothedJitter / (FRAMES - 2)));
        assertThat(smoothedJitter).isLessThan(rawJitter * 0.5);
    }

    private static float accelX(int i, java.util.function.IntFunction<Box> box) {
        return box.apply(i).centerX() - 2 * box.apply(i - 1).centerX() + box.apply(i - 2).centerX();
    }

    @Test
    void bridgesShortMissesAndReportsLongGaps() {
        FaceTrack bridged = single(track(i -> i >= 10 && i <= 12));
        assertThat(bridged.frames()).hasSize(FRAMES);
        assertThat(bridged.gaps()).isEmpty();
        assertThat(bridged.frames().stream().filter(TrackedFace::bridged).map(TrackedFace::frame)).containsExactly(10, 11, 12);
        TrackedFace mid = bridged.at(11).orElseThrow();
        Point expectedNose = new Point(x(11) + 225 * scale(11), y(11) + 127 * scale(11));
        assertThat(mid.keypoints().get(FaceDetection.Keypoint.NOSE_TIP.ordinal()).distance(expectedNose)).isLessThan(8);

        FaceTrack gapped = single(track(i -> i >= 10 && i <= 24));
        assertThat(gapped.gaps()).containsExactly(new FaceTrack.Gap(10, 24));
        assertThat(gapped.at(15)).isEmpty();
        assertThat(gapped.frames()).hasSize(FRAMES - 15);
    }

    private static FaceTrack single(List<FaceTrack> tracks) {
        assertThat(tracks).hasSize(1);
        return tracks.get(0);
    }

    @Test
    void twoPeopleSideBySideGiveTwoTracksOrderedLeftToRight() {
        BufferedImage astronaut = TestImages.image("astronaut.png");
        FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        for (int i = 0; i < 6; i++) {
            // the right copy is larger, so it tends to score higher and be found (and numbered) first
            BufferedImage canvas = new BufferedImage(1280, 600, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = canvas.createGraphics();
            g.drawImage(astronaut, 20 + i * 3, 60, 480, 480, null);
            g.drawImage(astronaut, 700 - i * 2, 20, 560, 560, null);
            g.dispose();
            tracker.add(detector.detect(TestImages.frame(canvas)));
        }
        List<FaceTrack> tracks = tracker.finish();
        assertThat(tracks).hasSize(2);
        SpeakerAssignment who = SpeakerAssignment.leftToRight(tracks, 2);
        FaceTrack left = who.track(tracks, 0);
        FaceTrack right = who.track(tracks, 1);
        assertThat(left.meanCenterX()).isBetween(150.0, 300.0);
        assertThat(right.meanCenterX()).isBetween(850.0, 1050.0);
        assertThat(left.frames()).hasSize(6);
        assertThat(right.frames()).hasSize(6);

        float[][] grid = SpeakerMasks.gridMasks(SpeakerMasks.pixelMasks(tracks, who, 3, 1280, 600, MaskStyle.defaults()),
                1280, 600, 16);
        assertThat(grid).hasNumberOfRows(3);
        int gw = 80;
        for (int cell = 0; cell < grid[0].length; cell++) {
            int column = cell % gw;
            if (grid[0][cell] == 1) {
                assertThat(column).isLessThan(gw / 2);
            }
            if (grid[1][cell] == 1) {
                assertThat(column).isGreaterThanOrEqualTo(gw / 2);
            }
            assertThat(grid[2][cell]).isEqualTo(grid[0][cell] + grid[1][cell] == 0 ? 1f : 0f);
        }
        assertThat(sum(grid[0])).isGreaterThan(30);
        assertThat(sum(grid[1])).isGreaterThan(sum(grid[0]));

        List<Integer> swapped = List.of(right.id(), left.id());
        assertThat(SpeakerAssignment.chosen(tracks, swapped).track(tracks, 0)).isSameAs(right);
    }

    @Test
    void aFaceThatLeavesForLongerThanTheKeepAliveStartsANewTrack() {
        TrackerConfig config = TrackerConfig.defaults();
        FaceTracker tracker = new FaceTracker(config);
        for (int i = 0; i < 5; i++) {
            tracker.add(pan.get(0));
        }
        for (int i = 0; i <= config.keepAliveFrames(); i++) {
            tracker.add(List.of());
        }
        for (int i = 0; i < 5; i++) {
            tracker.add(pan.get(0));
        }
        List<FaceTrack> tracks = tracker.finish();
        assertThat(tracks).hasSize(2);
        assertThat(tracks.get(1).firstFrame()).isEqualTo(5 + config.keepAliveFrames() + 1);
    }

    @Test
    void dropsOneFrameFalsePositivesButKeepsSingleImages() {
        FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        for (int i = 0; i < 10; i++) {
            tracker.add(i == 4 ? pan.get(4) : List.of());
        }
        assertThat(tracker.finish()).isEmpty();
        FaceTracker still = new FaceTracker(TrackerConfig.defaults());
        still.add(pan.get(4));
        assertThat(still.finish()).hasSize(1);
    }

    @Test
    void headBoxCoversHairChinAndNeckOfTheAstronaut() {
        FaceDetection face = detector.detect(TestImages.astronaut()).get(0);
        Box head = HeadGeometry.defaults().headBox(face.box(), face.keypoints());
        // hand-measured: hair from x 153 to 300, its top at y 15; chin at y 185
        assertThat(head.x()).isBetween(130f, 153f);
        assertThat(head.right()).isBetween(298f, 325f);
        assertThat(head.y()).isBetween(-5f, 15f);
        assertThat(head.bottom()).isBetween(195f, 235f);
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
