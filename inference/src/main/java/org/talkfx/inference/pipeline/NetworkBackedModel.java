package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.inference.audio.Wav2Vec2;
import org.talkfx.inference.clip.ClipVision;
import org.talkfx.inference.dit.InfiniteTalkDit;
import org.talkfx.inference.vae.WanVae;

/**
 * A {@link GenerationModel} whose calls go straight to loaded networks: the models differ only in where the
 * networks come from, how a prompt is encoded and what they close.
 */
interface NetworkBackedModel extends GenerationModel {
    /** The networks the calls go to. */
    record Networks(InfiniteTalkDit dit, WanVae vae, ClipVision clip, Wav2Vec2 wav2vec2) {
    }

    Networks networks();

    @Override
    default int latentChannels() {
        return networks().vae().config().zDim();
    }

    @Override
    default int temporalStride() {
        return networks().vae().config().temporalStride();
    }

    @Override
    default int spatialStride() {
        return networks().vae().config().spatialStride();
    }

    @Override
    default int patchSize() {
        return networks().dit().config().patchH();
    }

    @Override
    default NDArray encodeImage(NDManager m, NDArray image) {
        return networks().clip().encode(m, image);
    }

    @Override
    default NDArray encodeVideo(NDManager m, NDArray video) {
        return networks().vae().encode(m, video);
    }

    @Override
    default NDArray decode(NDManager m, NDArray latents) {
        return networks().vae().decode(m, latents);
    }

    @Override
    default NDArray audioFeatures(NDManager m, float[] audio16k, int frames) {
        return networks().wav2vec2().embed(m, audio16k, frames);
    }

    @Override
    default NDArray denoise(NDManager m, DenoiseInput in) {
        return networks().dit().forward(m, in.ditInput());
    }
}
