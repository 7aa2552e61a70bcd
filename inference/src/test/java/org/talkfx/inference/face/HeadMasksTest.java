package org.talkfx.inference.face;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeadMasksTest {
    @Test
    void softEllipseHasTheRightAreaAndEdge() {
        Box head = new Box(100, 50, 120, 160);
        float[] m = HeadMasks.render(400, 300, head, new MaskStyle(MaskStyle.Shape.ELLIPSE, 0, 0.1f));
        assertThat(m[(130) * 400 + 160]).isEqualTo(1f);
        assertThat(m[10 * 400 + 10]).isEqualTo(0f);
        // the 0.5 level lies on the ellipse, so the soft area equals the hard area
        assertThat(sum(m)).isCloseTo((float) (Math.PI * 60 * 80), within(0.01f * (float) (Math.PI * 60 * 80)));
        // right edge of the ellipse at x = 220: soft there, 1 inside and 0 outside the feather
        assertThat(m[130 * 400 + 219]).isBetween(0.3f, 0.7f);
        assertThat(m[130 * 400 + 205]).isEqualTo(1f);
        assertThat(m[130 * 400 + 235]).isEqualTo(0f);
    }

    @Test
    void expandAndShapeChangeTheCoverage() {
        Box head = new Box(100, 50, 120, 160);
        float ellipse = sum(HeadMasks.render(400, 300, head, new MaskStyle(MaskStyle.Shape.ELLIPSE, 0, 0.1f)));
        float box = sum(HeadMasks.render(400, 300, head, new MaskStyle(MaskStyle.Shape.ROUNDED_BOX, 0, 0.1f)));
        float grown = sum(HeadMasks.render(400, 300, head, new MaskStyle(MaskStyle.Shape.ELLIPSE, 0.1f, 0.1f)));
        assertThat(box).isBetween(ellipse * 1.1f, 120 * 160f);
        assertThat(grown).isCloseTo((float) (Math.PI * 72 * 92), within(0.02f * (float) (Math.PI * 72 * 92)));
    }

    @Test
    void headsCutByTheFrameEdgeAndOddSizesWork() {
        float[] m = HeadMasks.render(33, 17, List.of(new Box(-10, -10, 30, 30), new Box(25, 5, 40, 40)), MaskStyle.defaults());
        assertThat(m).hasSize(33 * 17);
        assertThat(m[0]).isGreaterThan(0.9f);
        assertThat(m[10 * 33 + 32]).isGreaterThan(0.5f);
        float[] grid = HeadMasks.toGrid(m, 33, 17, 16);
        assertThat(grid).hasSize(3 * 2);
        // a partial edge cell averages only the pixels it covers
        float edge = 0;
        for (int y = 0; y < 16; y++) {
            edge += m[y * 33 + 32];
        }
        assertThat(grid[2]).isCloseTo(edge / 16, within(1e-5f));
    }

    @Test
    void gridOfA1080pFrameMatchesTheDitTokenGrid() {
        float[] m = HeadMasks.render(1920, 1080, new Box(800, 200, 320, 400), MaskStyle.defaults());
        float[] tokens = HeadMasks.toGrid(m, 1920, 1080, 16);
        assertThat(tokens).hasSize(120 * 68);
        assertThat(sum(tokens) * 256).isCloseTo(sum(m), within(1f));
    }

    @Test
    void userPaintedMasksBecomeTokenMasksWithABackground() {
        // no face found: a user paints speaker 1 as a rectangle on a 100x60 frame
        float[] painted = new float[100 * 60];
        for (int y = 10; y < 42; y++) {
            for (int x = 20; x < 52; x++) {
                painted[y * 100 + x] = 1;
            }
        }
        float[][] grid = SpeakerMasks.gridMasks(new float[][]{painted}, 100, 60, 16);
        assertThat(grid).hasNumberOfRows(2);
        assertThat(grid[0]).hasSize(7 * 4);
        // cells (x 16-31, y 0-15) are a quarter covered, (x 32-47, y 16-31) fully
        assertThat(grid[0][1]).isZero();
        assertThat(grid[0][7 + 2]).isEqualTo(1f);
        assertThat(grid[0][7 + 1]).isEqualTo(1f);
        for (int i = 0; i < grid[0].length; i++) {
            assertThat(grid[1][i]).isEqualTo(1 - grid[0][i]);
        }
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
