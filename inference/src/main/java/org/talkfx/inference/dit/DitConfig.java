package org.talkfx.inference.dit;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.Weights;

/**
 * Hyperparameters of the InfiniteTalk DiT (Wan2.1 I2V + audio adapter). Everything but {@link #heads}, {@link #textLen},
 * {@link #eps} and {@link #audioWindow} is read from tensor shapes by {@link #detect}; those four are not visible in
 * the weights (qk RMSNorm spans the full width, the text padding length is a constructor argument) and take the
 * official values, overridable with the {@code with*} methods.
 *
 * @param audioWidth wav2vec2 layers x hidden per frame (12 x 768 for the real model); only the product is visible
 *                   in {@code audio_proj.proj1.weight}, and only the product matters to the flattening projection
 */
public record DitConfig(
        int inDim, int dim, int ffnDim, int freqDim, int textDim, int outDim, int heads, int layers,
        int patchT, int patchH, int patchW, int textLen, float eps, boolean qkNorm, boolean crossAttnNorm,
        int clipDim, int audioWindow, int vaeScale, int audioWidth, int audioIntermediate, int audioOutDim,
        int contextTokens, boolean normInputVisual, boolean normOutputAudio) {

    /** VAE down-sampling in space (time is {@link #vaeScale}). */
    public static final int VAE_SPATIAL_STRIDE = 8;
    /** Number of CLIP tokens at the front of the context (256 patches + CLS), fixed by the i2v cross-attention. */
    public static final int CLIP_TOKENS = 257;

    public DitConfig {
        if (dim % heads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim " + dim + " must split into " + heads + " heads of even size");
        }
        if ((dim / heads) / 6 < 1) {
            throw new IllegalArgumentException("head size " + dim / heads + " too small for the 3-D RoPE split");
        }
        if (audioWindow < 3 || audioWindow % 2 == 0 || vaeScale < 2) {
            throw new IllegalArgumentException("audio window " + audioWindow + " / vae scale " + vaeScale);
        }
    }

    public int headDim() {
        return dim / heads;
    }

    /** Input width of {@code audio_proj.proj1}: the 5-frame window of the first video frame. */
    public int audioFirstInput() {
        return audioWindow * audioWidth;
    }

    /** Input width of {@code audio_proj.proj1_vf}: 8 slots of the 4 video frames of a later latent frame. */
    public int audioLaterInput() {
        return (audioWindow + vaeScale - 1) * audioWidth;
    }

    /** VAE compression (time, height, width) the latent grid assumes: 4 x 8 x 8 for the Wan VAE. */
    public int[] vaeStride() {
        return new int[]{vaeScale, VAE_SPATIAL_STRIDE, VAE_SPATIAL_STRIDE};
    }

    public int patchVolume() {
        return patchT * patchH * patchW;
    }

    /** Video frames whose audio a window of {@code latentFrames} latents consumes: 1 + 4 (F - 1). */
    public int videoFrames(int latentFrames) {
        return 1 + vaeScale * (latentFrames - 1);
    }

    public DitConfig withHeads(int h) {
        return new DitConfig(inDim, dim, ffnDim, freqDim, textDim, outDim, h, layers, patchT, patchH, patchW, textLen,
                eps, qkNorm, crossAttnNorm, clipDim, audioWindow, vaeScale, audioWidth, audioIntermediate,
                audioOutDim, contextTokens, normInputVisual, normOutputAudio);
    }

    public DitConfig withTextLen(int len) {
        return new DitConfig(inDim, dim, ffnDim, freqDim, textDim, outDim, heads, layers, patchT, patchH, patchW, len,
                eps, qkNorm, crossAttnNorm, clipDim, audioWindow, vaeScale, audioWidth, audioIntermediate,
                audioOutDim, contextTokens, normInputVisual, normOutputAudio);
    }

    /** Same network with other CLIP and wav2vec2 widths (the demo pairs a tiny CLIP and a tiny wav2vec2). */
    public DitConfig withEncoderWidths(int clip, int audioLayers, int audioHidden) {
        return new DitConfig(inDim, dim, ffnDim, freqDim, textDim, outDim, heads, layers, patchT, patchH, patchW,
                textLen, eps, qkNorm, crossAttnNorm, clip, audioWindow, vaeScale, audioLayers * audioHidden,
                audioIntermediate, audioOutDim, contextTokens, normInputVisual, normOutputAudio);
    }

    /** The parity fixture's configuration ({@code dit_1spk.json} meta.config, real CLIP 1280 and audio 12 x 768). */
    public static DitConfig fixture() {
        return new DitConfig(36, 64, 128, 256, 32, 16, 4, 2, 1, 2, 2, 16, 1e-6f, true, true, 1280, 5, 4, 12 * 768,
                4, 32, 4, true, true);
    }

    /** The fixture's network with encoder widths of a tiny CLIP (32) and a tiny wav2vec2 (2 layers x 32). */
    public static DitConfig tiny() {
        return fixture().withEncoderWidths(32, 2, 32);
    }

    /** The released 14B model (Wan2.1-I2V-14B + InfiniteTalk adapter). */
    public static DitConfig wan14b() {
        return new DitConfig(36, 5120, 13824, 256, 4096, 16, 40, 40, 1, 2, 2, 512, 1e-6f, true, true, 1280, 5, 4,
                12 * 768, 512, 768, 32, true, true);
    }

    /**
     * Heads are not visible in the weights. Every released Wan DiT uses 128-wide heads (1.3B: 1536/12, 14B: 5120/40);
     * small test configurations (below 1024 wide) use 16-wide heads, as the parity fixture (64 / 4) does.
     */
    public static int defaultHeads(int dim) {
        return dim >= 1024 && dim % 128 == 0 ? dim / 128 : Math.max(1, dim / 16);
    }

    /** Reads the architecture from tensor shapes (official state_dict names, relative to {@code w}). */
    public static DitConfig detect(Weights w) {
        long[] patch = shape(w, "patch_embedding.weight", 5);
        int dim = (int) patch[0];
        int layers = 0;
        while (w.contains("blocks." + layers + ".modulation")) {
            layers++;
        }
        if (layers == 0) {
            throw new BadInputException(w.source(), "no DiT blocks (blocks.0.modulation missing)");
        }
        if (!w.contains("blocks.0.cross_attn.k_img.weight")) {
            throw new BadInputException(w.source(), "not an image-to-video DiT (blocks.0.cross_attn.k_img missing)");
        }
        if (!w.contains("blocks.0.audio_cross_attn.q_linear.weight") || !w.contains("audio_proj.proj1.weight")) {
            throw new BadInputException(w.source(), "no InfiniteTalk audio adapter (audio_cross_attn / audio_proj)");
        }
        int ffn = (int) shape(w, "blocks.0.ffn.0.weight", 2)[0];
        int freq = (int) shape(w, "time_embedding.0.weight", 2)[1];
        int textDim = (int) shape(w, "text_embedding.0.weight", 2)[1];
        int headOut = (int) shape(w, "head.head.weight", 2)[0];
        int patchVolume = (int) (patch[2] * patch[3] * patch[4]);
        int clip = (int) shape(w, "img_emb.proj.1.weight", 2)[1];
        long first = shape(w, "audio_proj.proj1.weight", 2)[1];
        long later = shape(w, "audio_proj.proj1_vf.weight", 2)[1];
        int intermediate = (int) shape(w, "audio_proj.proj1.weight", 2)[0];
        int audioOut = (int) shape(w, "blocks.0.audio_cross_attn.kv_linear.weight", 2)[1];
        int tokens = (int) (shape(w, "audio_proj.proj3.weight", 2)[0] / audioOut);
        int window = 5; // audio_window: the official model and every adapter use a 5-frame context
        if (first % window != 0) {
            throw new BadInputException(w.source(), "audio_proj.proj1 input " + first + " is not 5 x layers x hidden");
        }
        long width = first / window;
        if (later % width != 0 || later / width - window + 1 < 2) {
            throw new BadInputException(w.source(), "audio_proj.proj1_vf input " + later
                    + " does not match proj1's " + first + " (expected (5 + vae_scale - 1) x " + width + ")");
        }
        int vaeScale = (int) (later / width - window + 1);
        return new DitConfig((int) patch[1], dim, ffn, freq, textDim, headOut / patchVolume, defaultHeads(dim),
                layers, (int) patch[2], (int) patch[3], (int) patch[4], 512, 1e-6f,
                w.contains("blocks.0.self_attn.norm_q.weight"), w.contains("blocks.0.norm3.weight"), clip, window,
                vaeScale, (int) width, intermediate, audioOut, tokens, w.contains("blocks.0.norm_x.weight"),
                w.contains("audio_proj.norm.weight"));
    }

    private static long[] shape(Weights w, String key, int rank) {
        if (!w.contains(key)) {
            throw new BadInputException(w.source(), "missing weight '" + key + "'");
        }
        long[] s = w.shape(key);
        if (s.length != rank) {
            throw new BadInputException(w.source(), "'" + key + "' has rank " + s.length + ", expected " + rank);
        }
        return s;
    }
}
