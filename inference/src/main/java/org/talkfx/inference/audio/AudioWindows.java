package org.talkfx.inference.audio;

import ai.djl.ndarray.NDArray;

/**
 * The 5-frame audio context of every video frame: frame f sees features f-2 .. f+2, indices clamped to the whole
 * clip [0, T-1] (not to the window), as the official streaming loop gathers them.
 */
public final class AudioWindows {
    public static final int CONTEXT = 5;

    private AudioWindows() {
    }

    /** emb [T, L, C] -> [1, frames, 5, L, C] for video frames startFrame .. startFrame + frames - 1. */
    public static NDArray window(NDArray emb, int startFrame, int frames) {
        long t = emb.getShape().get(0);
        long[][] idx = indices(t, startFrame, frames);
        long[] flat = new long[frames * CONTEXT];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(idx[i], 0, flat, i * CONTEXT, CONTEXT);
        }
        NDArray picked = emb.get(emb.getManager().create(flat));
        return picked.reshape(1, frames, CONTEXT, emb.getShape().get(1), emb.getShape().get(2));
    }

    /** The clamped feature index of each (frame, context slot), [frames][5]. */
    public static long[][] indices(long totalFrames, int startFrame, int frames) {
        if (totalFrames < 1 || frames < 1) {
            throw new IllegalArgumentException("need at least one feature frame and one video frame");
        }
        long[][] idx = new long[frames][CONTEXT];
        for (int i = 0; i < frames; i++) {
            for (int j = 0; j < CONTEXT; j++) {
                long f = (long) startFrame + i + j - CONTEXT / 2;
                idx[i][j] = Math.max(0, Math.min(totalFrames - 1, f));
            }
        }
        return idx;
    }
}
