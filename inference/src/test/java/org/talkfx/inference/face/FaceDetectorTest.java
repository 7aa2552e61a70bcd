package org.talkfx.inference.face;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.talkfx.inference.face.FaceDetection.Keypoint.LEFT_EYE;
import static org.talkfx.inference.face.FaceDetection.Keypoint.MOUTH;
import static org.talkfx.inference.face.FaceDetection.Keypoint.NOSE_TIP;
import static org.talkfx.inference.face.FaceDetection.Keypoint.RIGHT_EYE;

/** BlazeFace on the real skimage portraits, checked against coordinates measured by hand on astronaut.png. */
class FaceDetectorTest {
    // astronaut.png (512x512), measured on a 4x zoom: pupils, nose tip, mouth centre, chin and cheeks
    static final Point RIGHT_EYE_PX = new Point(205, 101);
    static final Point LEFT_EYE_PX = new Point(248, 104);
    static final Point NOSE_PX = new Point(225, 127);
    static final Point MOUTH_PX = new Point(224, 146);
    static final float CHIN_Y = 185;
    static final float CHEEK_LEFT_X = 184;
    static final float CHEEK_RIGHT_X = 266;

    static FaceDetector back;
    static FaceDetector front;

    @BeforeAll
    static void open() {
        back = FaceDetector.open(TestImages.modelFile(FaceModel.BACK_256), DetectorConfig.defaults());
        front = FaceDetector.open(TestImages.modelFile(FaceModel.FRONT_128), DetectorConfig.defaults().withModel(FaceModel.FRONT_128));
    }

    @AfterAll
    static void close() {
        back.close();
        front.close();
    }

    @Test
    void findsTheAstronautsFaceWhereMeasuredByHand() {
        for (FaceDetector d : List.of(back, front)) {
            List<FaceDetection> faces = d.detect(TestImages.astronaut());
            assertThat(faces).as(d.config().model().name()).hasSize(1);
            assertMatchesHandMeasurement(faces.get(0), 1, 0, 0, 6);
        }
    }

    @Test
    void mapsBackToSourcePixelsAtAnyFrameSize() {
        BufferedImage astronaut = TestImages.image("astronaut.png");
        // 1080p with the portrait scaled 1.5x; an odd landscape size; an odd portrait (tall) size
        record Case(int w, int h, int x, int y, float scale) {
        }
        for (Case c : List.of(new Case(1920, 1080, 700, 200, 1.5f), new Case(777, 333, 301, -90, 0.9f),
                new Case(301, 641, -150, 200, 1.1f))) {
            RgbFrame frame = TestImages.placed(astronaut, c.w, c.h, c.x, c.y, Math.round(512 * c.scale), Math.round(512 * c.scale));
            List<FaceDetection> faces = back.detect(frame);
            assertThat(faces).as(c.toString()).hasSize(1);
            assertMatchesHandMeasurement(faces.get(0), c.scale, c.x, c.y, 8 * c.scale);
        }
    }

    @Test
    void findsTheCameramanInAGreyImage() {
        BufferedImage camera = TestImages.image("camera.png");
        assertThat(camera.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        byte[] gray = ((java.awt.image.DataBufferByte) camera.getRaster().getDataBuffer()).getData();
        List<FaceDetection> faces = back.detect(RgbFrame.ofGray(camera.getWidth(), camera.getHeight(), gray));
        assertThat(faces).hasSize(1);
        // his head in profile, measured by hand: eye about (238, 152), ear at x 190-200, chin near y 195
        Box box = faces.get(0).box();
        assertThat(box.centerX()).isBetween(205f, 240f);
        assertThat(box.centerY()).isBetween(145f, 175f);
        assertThat(box.width()).isBetween(50f, 100f);
    }

    @Test
    void reportsNoFaceInFacelessFrames() {
        BufferedImage astronaut = TestImages.image("astronaut.png");
        // the shuttle model and backdrop at the right of the portrait, and plain noise
        RgbFrame shuttle = TestImages.frame(astronaut.getSubimage(340, 0, 172, 300));
        byte[] noise = new byte[640 * 360 * 3];
        new Random(7).nextBytes(noise);
        assertThat(back.detect(shuttle)).isEmpty();
        assertThat(back.detect(new RgbFrame(640, 360, noise))).isEmpty();
        assertThat(back.detect(new RgbFrame(64, 48, new byte[64 * 48 * 3]))).isEmpty();
    }

    @Test
    void toleratesTinyFrames() {
        BufferedImage astronaut = TestImages.image("astronaut.png");
        for (int size : new int[]{1, 3, 17, 40}) {
            RgbFrame tiny = TestImages.placed(astronaut, size, size, 0, 0, size, size);
            List<FaceDetection> faces = back.detect(tiny);
            for (FaceDetection f : faces) {
                assertThat(f.box().centerX()).isBetween(0f, (float) size);
                assertThat(f.box().centerY()).isBetween(0f, (float) size);
            }
        }
        // at 64x64 the face is about 12 px wide; the detector should still see it where it is
        List<FaceDetection> small = front.detect(TestImages.placed(astronaut, 64, 64, 0, 0, 64, 64));
        assertThat(small).hasSize(1);
        assertThat(small.get(0).box().centerX()).isCloseTo(225 / 8f, within(3f));
    }

    @Test
    void rejectsCorruptModelFilesNamingThem(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(TestImages.modelFile(FaceModel.BACK_256));
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(good, good.length / 3));
        Path garbage = dir.resolve("garbage.onnx");
        byte[] noise = new byte[10_000];
        new Random(1).nextBytes(noise);
        Files.write(garbage, noise);
        for (Path bad : List.of(truncated, garbage)) {
            assertThatThrownBy(() -> FaceDetector.open(bad, DetectorConfig.defaults()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(bad.toString())
                    .hasMessageContaining(FaceModel.NPM_PACKAGE + "@" + FaceModel.NPM_VERSION);
        }
        // the front model is a valid ONNX file but not the network asked for
        assertThatThrownBy(() -> FaceDetector.open(TestImages.modelFile(FaceModel.FRONT_128), DetectorConfig.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("face_detection_front_128x128")
                .hasMessageContaining("does not run as " + FaceModel.BACK_256.describe());
    }

    static void assertMatchesHandMeasurement(FaceDetection face, float scale, float dx, float dy, float tolerance) {
        assertNear(face.keypoint(RIGHT_EYE), RIGHT_EYE_PX, scale, dx, dy, tolerance);
        assertNear(face.keypoint(LEFT_EYE), LEFT_EYE_PX, scale, dx, dy, tolerance);
        assertNear(face.keypoint(NOSE_TIP), NOSE_PX, scale, dx, dy, tolerance);
        assertNear(face.keypoint(MOUTH), MOUTH_PX, scale, dx, dy, tolerance);
        Box box = face.box();
        // MediaPipe's box: brow to just above the chin, cheek to cheek (a little wider)
        assertThat(box.x()).isBetween(dx + scale * (CHEEK_LEFT_X - 20), dx + scale * (CHEEK_LEFT_X + 5));
        assertThat(box.right()).isBetween(dx + scale * (CHEEK_RIGHT_X - 5), dx + scale * (CHEEK_RIGHT_X + 20));
        assertThat(box.bottom()).isBetween(dy + scale * (CHIN_Y - 20), dy + scale * (CHIN_Y + 5));
        assertThat(box.y()).isBetween(dy + scale * 65, dy + scale * 95);
        assertThat(face.score()).isGreaterThan(0.75f);
    }

    private static void assertNear(Point actual, Point handMeasured, float scale, float dx, float dy, float tolerance) {
        Point expected = new Point(dx + scale * handMeasured.x(), dy + scale * handMeasured.y());
        assertThat(actual.distance(expected)).as(actual + " vs hand-measured " + expected).isLessThan(tolerance);
    }
}
