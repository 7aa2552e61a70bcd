package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.audio.Wav2Vec2;
import org.talkfx.inference.clip.ClipVision;
import org.talkfx.inference.dit.DitConfig;
import org.talkfx.inference.dit.DitInput;
import org.talkfx.inference.dit.InfiniteTalkDit;
import org.talkfx.inference.t5.UmT5Encoder;
import org.talkfx.inference.t5.UmT5Tokenizer;
import org.talkfx.inference.vae.WanVae;

import java.nio.file.Path;

/** The real networks behind {@link GenerationModel}, loaded from a model folder. */
public final class NetworkModel implements GenerationModel {
    private final String id;
    private final NDManager weights;
    private final Wav2Vec2 wav2vec2;
    private final UmT5Encoder t5;
    private final UmT5Tokenizer tokenizer;
    private final ClipVision clip;
    private final WanVae vae;
    private final InfiniteTalkDit dit;
    private final ModelDirectory files;

    private NetworkModel(ModelDirectory files, String id, NDManager weights, Wav2Vec2 wav2vec2, UmT5Encoder t5, UmT5Tokenizer tokenizer,
                         ClipVision clip, WanVae vae, InfiniteTalkDit dit) {
        this.files = files;
        this.id = id;
        this.weights = weights;
        this.wav2vec2 = wav2vec2;
        this.t5 = t5;
        this.tokenizer = tokenizer;
        this.clip = clip;
        this.vae = vae;
        this.dit = dit;
    }

    /** Loads every network of {@code dir} and checks that their widths fit together. */
    public static NetworkModel load(NDManager parent, Path dir) {
        NDManager weights = parent.newSubManager();
        Wav2Vec2 w2v = null;
        UmT5Encoder t5 = null;
        UmT5Tokenizer tok = null;
        ClipVision clip = null;
        WanVae vae = null;
        InfiniteTalkDit dit = null;
        ModelDirectory md = null;
        try {
            // kept open: some networks read rows (the umT5 embedding table) from the mapped files on demand
            md = ModelDirectory.open(dir);
            DitConfig dc = DitConfig.detect(md.weights(ModelDirectory.Part.DIT));
            w2v = Wav2Vec2.load(weights, md.weights(ModelDirectory.Part.WAV2VEC2));
            t5 = UmT5Encoder.load(weights, md.weights(ModelDirectory.Part.T5));
            tok = UmT5Tokenizer.open(dir);
            clip = ClipVision.load(weights, md.weights(ModelDirectory.Part.CLIP));
            vae = WanVae.load(weights, md.weights(ModelDirectory.Part.VAE));
            int audioWidth = w2v.config().layers() * w2v.config().hidden();
            if (audioWidth != dc.audioWidth()) {
                throw new BadInputException(dir, "wav2vec2 gives " + w2v.config().layers() + " x "
                        + w2v.config().hidden() + " features per frame but the DiT's audio projection takes "
                        + dc.audioWidth());
            }
            if (clip.config().width() != dc.clipDim()) {
                throw new BadInputException(dir, "CLIP width " + clip.config().width() + " does not match the DiT's "
                        + dc.clipDim());
            }
            if (t5.config().dim() != dc.textDim()) {
                throw new BadInputException(dir, "umT5 width " + t5.config().dim() + " does not match the DiT's "
                        + dc.textDim());
            }
            dit = new InfiniteTalkDit(md.weights(ModelDirectory.Part.DIT), dc,
                    org.talkfx.inference.dit.AttentionBackend.defaultBackend());
            return new NetworkModel(md, dir.getFileName().toString(), weights, w2v, t5, tok, clip, vae, dit);
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[]{dit, tok, w2v, t5, clip, vae, md}) {
                closeQuietly(c);
            }
            weights.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing; the original error is the one to report
            }
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int latentChannels() {
        return vae.config().zDim();
    }

    @Override
    public int temporalStride() {
        return vae.config().temporalStride();
    }

    @Override
    public int spatialStride() {
        return vae.config().spatialStride();
    }

    @Override
    public int patchSize() {
        return dit.config().patchH();
    }

    @Override
    public NDArray encodeText(NDManager m, String prompt) {
        return t5.encode(m, tokenizer.encode(prompt));
    }

    @Override
    public NDArray encodeImage(NDManager m, NDArray image) {
        return clip.encode(m, image);
    }

    @Override
    public NDArray encodeVideo(NDManager m, NDArray video) {
        return vae.encode(m, video);
    }

    @Override
    public NDArray decode(NDManager m, NDArray latents) {
        return vae.decode(m, latents);
    }

    @Override
    public NDArray audioFeatures(NDManager m, float[] audio16k, int frames) {
        return wav2vec2.embed(m, audio16k, frames);
    }

    @Override
    public NDArray denoise(NDManager m, DenoiseInput in) {
        return dit.forward(m, new DitInput(in.x(), in.t(), in.context(), in.clipFea(), in.y(), in.audio(),
                in.audio() == null || in.audio().getShape().get(0) < 2 ? null : in.refTargetMasks()));
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[]{dit, tokenizer, wav2vec2, t5, clip, vae}) {
            closeQuietly(c);
        }
        weights.close();
        files.close();
    }
}
