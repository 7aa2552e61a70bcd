package org.talkfx.inference.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * Where finished streaming windows are kept, so that an interrupted shot resumes at its first missing window
 * instead of starting over. A window depends on the previous one only through its tail (the colour-corrected last
 * context frames, kept as floats so a resumed run continues exactly as an uninterrupted one).
 */
public interface WindowStore {
    /** Window {@code window} of this shot if it was stored before; empty on a miss. */
    Optional<StoredWindow> load(int window);

    /** Keeps a finished window. Failing to store costs only a later regeneration, so implementations may warn. */
    void save(int window, StoredWindow stored);

    /**
     * @param frames the frames this window added to the shot (window 0: all of them; later: all but the context)
     * @param tail   the last context frames as [3, context, H, W] floats in [-1, 1]
     */
    record StoredWindow(List<RgbImage> frames, float[] tail) {
        public StoredWindow {
            frames = List.copyOf(frames);
        }
    }
}
