package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.Weights;

/**
 * {@code audio_proj}: turns the per-video-frame wav2vec2 windows into {@code contextTokens} audio tokens per latent
 * frame. Latent frame 0 sees video frame 0's whole 5-frame window ({@code proj1}); latent frame j sees the 8 slots
 * "first 3 of frame 4j-3, centre of 4j-2 and 4j-1, last 3 of 4j" ({@code proj1_vf}).
 */
final class AudioProjection {
    private static final float NORM_EPS = 1e-5f; // nn.LayerNorm default, not the DiT's 1e-6

    private final DitConfig config;
    private final NDArray proj1W;
    private final NDArray proj1B;
    private final NDArray proj1VfW;
    private final NDArray proj1VfB;
    private final NDArray proj2W;
    private final NDArray proj2B;
    private final NDArray proj3W;
    private final NDArray proj3B;
    private final NDArray normW;
    private final NDArray normB;

    AudioProjection(NDManager manager, Weights w, DitConfig config) {
        this.config = config;
        proj1W = w.get(manager, "proj1.weight");
        proj1B = w.get(manager, "proj1.bias");
        proj1VfW = w.get(manager, "proj1_vf.weight");
        proj1VfB = w.get(manager, "proj1_vf.bias");
        proj2W = w.get(manager, "proj2.weight");
        proj2B = w.get(manager, "proj2.bias");
        proj3W = w.get(manager, "proj3.weight");
        proj3B = w.get(manager, "proj3.bias");
        normW = config.normOutputAudio() ? w.get(manager, "norm.weight") : null;
        normB = config.normOutputAudio() ? w.get(manager, "norm.bias") : null;
    }

    /**
     * @param audio [speakers, 1 + vaeScale (F - 1), window, layers, hidden] (the trailing two may be pre-flattened)
     * @return [speakers, F, contextTokens, audioOutDim], in audio's manager
     */
    NDArray tokens(NDArray audio, int latentFrames) {
        Shape s = audio.getShape();
        int window = config.audioWindow();
        int scale = config.vaeScale();
        long width = s.dimension() < 3 || s.size() == 0 ? 0 : s.size() / (s.get(0) * s.get(1) * window);
        if (width == 0 || s.get(2) != window || width != config.audioWidth()) {
            throw new IllegalArgumentException("audio " + s + ": expected [speakers, frames, " + window
                    + ", layers, hidden] with layers x hidden = " + config.audioWidth());
        }
        long speakers = s.get(0);
        long frames = s.get(1);
        if (frames != config.videoFrames(latentFrames)) {
            throw new IllegalArgumentException("audio has " + frames + " video frames; " + latentFrames
                    + " latent frames need " + config.videoFrames(latentFrames));
        }
        NDArray a = audio.reshape(speakers, frames, window, width);
        NDArray first = a.get(":, 0").reshape(speakers, (long) window * width);
        NDArray h0 = Ops.linear(first, proj1W, proj1B).getNDArrayInternal().relu().reshape(speakers, 1, -1);
        NDArray all = h0;
        if (latentFrames > 1) {
            int mid = window / 2;
            NDArray later = a.get(":, 1:").reshape(speakers, latentFrames - 1, scale, window, width);
            NDArray slots = NDArrays.concat(new NDList(
                    later.get(":, :, 0, 0:{}", mid + 1),
                    later.get(":, :, 1:{}, {}", scale - 1, mid),
                    later.get(":, :, {}, {}:", scale - 1, mid)), 2);
            NDArray hv = Ops.linear(slots.reshape(speakers, latentFrames - 1, -1), proj1VfW, proj1VfB)
                    .getNDArrayInternal().relu();
            all = h0.concat(hv, 1);
        }
        NDArray h = Ops.linear(all, proj2W, proj2B).getNDArrayInternal().relu();
        NDArray tokens = Ops.linear(h, proj3W, proj3B)
                .reshape(speakers, latentFrames, config.contextTokens(), config.audioOutDim());
        return normW == null ? tokens : Ops.layerNorm(tokens, normW, normB, NORM_EPS);
    }

    /** The official null-audio condition: zero features of one speaker, still projected (so not zero tokens). */
    NDArray nullTokens(NDManager manager, int latentFrames) {
        NDArray zeros = manager.zeros(new Shape(1, config.videoFrames(latentFrames), config.audioWindow(),
                config.audioWidth()));
        return tokens(zeros, latentFrames);
    }
}
