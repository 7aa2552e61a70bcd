package org.talkfx.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which 25-fps frames each cache entry of a shot holds: window 0 holds frames [0, frames), window k > 0 the frames
 * it adds after the previous window's context, [k·advance + context, k·advance + frames). The service writes
 * entries this way and the effect finds a frame's window without asking the service.
 */
public record WindowLayout(int frames, int context) {
    /** The official window (81 frames, 9 of context) for real weights; 17/5 for the tiny demo model. */
    public static WindowLayout forModel(Path modelDir) {
        return isTiny(modelDir) ? new WindowLayout(17, 5) : new WindowLayout(81, 9);
    }

    /** A folder written by the pipeline's TinyModel (random weights at tiny sizes). */
    public static boolean isTiny(Path modelDir) {
        return modelDir != null && Files.exists(modelDir.resolve("tiny-model.json"));
    }

    public int advance() {
        return frames - context;
    }

    /** First 25-fps frame stored in window k's entry. */
    public int firstFrame(int window) {
        return window == 0 ? 0 : window * advance() + context;
    }

    /** One past the last 25-fps frame window k can hold. */
    public int endFrame(int window) {
        return window * advance() + frames;
    }

    /** The window whose entry holds 25-fps frame g (g >= 0). */
    public int windowOf(int g) {
        return g < frames ? 0 : (g - frames) / advance() + 1;
    }

}
