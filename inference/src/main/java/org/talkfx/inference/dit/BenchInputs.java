package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Random DiT inputs for benchmarks (values do not matter for speed). */
final class BenchInputs {
    private BenchInputs() {
    }

    static DitInput random(NDManager m, DitConfig c, int frames, int h, int w) {
        NDArray x = m.randomNormal(new Shape(c.outDim(), frames, h, w));
        NDArray y = m.randomNormal(new Shape(1, c.inDim() - c.outDim(), frames, h, w));
        NDArray context = m.randomNormal(new Shape(Math.min(c.textLen(), 100), c.textDim()));
        NDArray clip = m.randomNormal(new Shape(1, DitConfig.CLIP_TOKENS, c.clipDim()));
        NDArray audio = m.randomNormal(new Shape(1, c.videoFrames(frames), c.audioWindow(), c.audioWidth()));
        return new DitInput(x, 500f, context, clip, y, audio, null);
    }
}
