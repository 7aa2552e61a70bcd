package org.talkfx.inference.pipeline;

/**
 * Where the streaming windows fall: window k starts at k·(frames − context) and the first window whose end reaches
 * the target length is the last (official loop). Window 0 contributes all its frames, later windows all but the
 * first {@code context} (which repeat the previous window's tail), so the concatenation has no duplicate or
 * missing frame; the result is trimmed to {@code targetFrames}.
 */
public record WindowPlan(int frames, int context, int targetFrames) {
    public WindowPlan {
        if (frames < 5 || (frames - 1) % 4 != 0) {
            throw new IllegalArgumentException("window length must be 4n+1 and at least 5, got " + frames);
        }
        if (context < 1 || (context - 1) % 4 != 0 || context >= frames) {
            throw new IllegalArgumentException("context frames must be 4n+1 and shorter than the window, got "
                    + context);
        }
        if (targetFrames < 1) {
            throw new IllegalArgumentException("nothing to generate: " + targetFrames + " frames");
        }
    }

    public int advance() {
        return frames - context;
    }

    public int windows() {
        if (targetFrames <= frames) {
            return 1;
        }
        return (targetFrames - frames + advance() - 1) / advance() + 1;
    }

    public int start(int window) {
        return window * advance();
    }

    /** The first frame of this window that is new output (0 for window 0, else the context length). */
    public int firstNewFrame(int window) {
        return window == 0 ? 0 : context;
    }

    /** One past the last frame index any window reads (audio must be padded to at least this). */
    public int lastEnd() {
        return start(windows() - 1) + frames;
    }

    /** Latent frames of a window of {@code pixelFrames} frames at temporal stride 4. */
    public static int latentFrames(int pixelFrames, int stride) {
        return (pixelFrames - 1) / stride + 1;
    }
}
