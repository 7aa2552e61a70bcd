package org.talkfx.inference.face;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BlazeFaceDecoderTest {
    @Test
    void anchorsFollowMediaPipesGrids() {
        float[] back = SsdAnchors.centers(FaceModel.BACK_256);
        assertThat(back).hasSize(2 * 896);
        // first cell of the 16x16 grid holds 2 anchors, first cell of the 8x8 grid holds 6
        assertThat(back[0]).isEqualTo(0.5f / 16);
        assertThat(back[2]).isEqualTo(0.5f / 16);
        assertThat(back[4]).isEqualTo(1.5f / 16);
        assertThat(back[2 * 511]).isEqualTo(15.5f / 16);
        assertThat(back[2 * 512]).isEqualTo(0.5f / 8);
        assertThat(back[2 * 517]).isEqualTo(0.5f / 8);
        assertThat(back[2 * 518]).isEqualTo(1.5f / 8);
        assertThat(SsdAnchors.centers(FaceModel.FRONT_128)).containsExactly(back);
    }

    @Test
    void weightedNmsBlendsOverlapsByScoreAndKeepsSeparateFaces() {
        float[] a = coords(0.10f, 0.10f, 0.30f, 0.30f);
        float[] b = coords(0.12f, 0.12f, 0.32f, 0.32f);
        float[] far = coords(0.60f, 0.60f, 0.80f, 0.80f);
        List<BlazeFaceDecoder.Candidate> kept = BlazeFaceDecoder.weightedNms(List.of(
                new BlazeFaceDecoder.Candidate(0.6f, b), new BlazeFaceDecoder.Candidate(0.9f, a),
                new BlazeFaceDecoder.Candidate(0.7f, far)), 0.3f);
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).score()).isEqualTo(0.9f);
        assertThat(kept.get(0).coords()[0]).isCloseTo((0.9f * 0.10f + 0.6f * 0.12f) / 1.5f, within(1e-6f));
        assertThat(kept.get(1).coords()[2]).isCloseTo(0.80f, within(1e-6f));
    }

    @Test
    void decodesAnchorRelativeOffsetsInInputPixels() {
        BlazeFaceDecoder decoder = new BlazeFaceDecoder(FaceModel.BACK_256);
        float[] logits = new float[896];
        java.util.Arrays.fill(logits, -1000f);
        float[] reg = new float[896 * 16];
        int i = 512 + 6 * (8 * 3 + 2); // coarse grid, row 3, column 2: centre (2.5/8, 3.5/8)
        logits[i] = 1000f; // clipped to 100 before the sigmoid: score 1, not NaN
        reg[i * 16] = 8;      // +8 input pixels right
        reg[i * 16 + 2] = 64; // 64 pixels wide
        reg[i * 16 + 3] = 32;
        reg[i * 16 + 4] = -16; // first keypoint 16 pixels left of the anchor
        // a 512x256 frame letterboxes to 256x128 with 64-pixel bars at top and bottom
        List<FaceDetection> faces = decoder.decode(logits, reg, Letterbox.of(512, 256, 256), DetectorConfig.defaults());
        assertThat(faces).hasSize(1);
        FaceDetection f = faces.get(0);
        assertThat(f.score()).isEqualTo(1f);
        assertThat(f.box().centerX()).isCloseTo((2.5f / 8 * 256 + 8) * 2, within(1e-3f));
        assertThat(f.box().centerY()).isCloseTo((3.5f / 8 * 256 - 64) * 2, within(1e-3f));
        assertThat(f.box().width()).isCloseTo(128, within(1e-3f));
        assertThat(f.box().height()).isCloseTo(64, within(1e-3f));
        assertThat(f.keypoints().get(0).x()).isCloseTo((2.5f / 8 * 256 - 16) * 2, within(1e-3f));
    }

    private static float[] coords(float x0, float y0, float x1, float y1) {
        float[] c = new float[16];
        c[0] = x0;
        c[1] = y0;
        c[2] = x1;
        c[3] = y1;
        return c;
    }
}
