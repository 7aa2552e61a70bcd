package org.talkfx.inference.face;

import java.util.List;

/**
 * Per-speaker masks of one frame, for head-only compositing (soft, source resolution) and for L-RoPE speaker
 * routing (binary, on the token grid, plus the background class that is 1 where no speaker is).
 */
public final class SpeakerMasks {
    private SpeakerMasks() {
    }

    /**
     * Soft source-resolution masks, one per speaker, from the tracks; a speaker whose track has no face in this
     * frame (before it appears, after it ends, in a gap) gets an all-zero mask.
     */
    public static float[][] pixelMasks(List<FaceTrack> tracks, SpeakerAssignment who, int frame, int width, int height,
                                       MaskStyle style) {
        float[][] masks = new float[who.speakers()][];
        for (int s = 0; s < who.speakers(); s++) {
            masks[s] = who.track(tracks, s).at(frame)
                    .map(f -> HeadMasks.render(width, height, f.head(), style))
                    .orElseGet(() -> new float[width * height]);
        }
        return masks;
    }

    /**
     * {@code [speaker 1, ..., speaker n, background]} on the grid of {@code cell}-pixel cells, binarised at half
     * coverage as the official code binarises its resized masks. Works for masks from tracks or painted by a user.
     */
    public static float[][] gridMasks(float[][] pixelMasks, int width, int height, int cell) {
        int cells = HeadMasks.gridSize(width, cell) * HeadMasks.gridSize(height, cell);
        float[][] out = new float[pixelMasks.length + 1][];
        float[] background = new float[cells];
        java.util.Arrays.fill(background, 1);
        for (int s = 0; s < pixelMasks.length; s++) {
            float[] grid = HeadMasks.toGrid(pixelMasks[s], width, height, cell);
            for (int i = 0; i < cells; i++) {
                grid[i] = grid[i] >= 0.5f ? 1 : 0;
                if (grid[i] == 1) {
                    background[i] = 0;
                }
            }
            out[s] = grid;
        }
        out[pixelMasks.length] = background;
        return out;
    }
}
