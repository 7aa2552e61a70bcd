package org.talkfx.inference.dit;

/**
 * Floating-point operations of one DiT forward (a multiply-add counts 2), from the configuration and the token grid.
 * Element-wise work (norms, RoPE, softmax, activations) is left out: it is a fraction of a percent at real sizes.
 *
 * @param linear    every matrix-weight product (projections, FFN, embeddings, audio projection, head)
 * @param attention score and value products of the self-, text/CLIP- and audio attention (and the reference map)
 */
public record DitFlops(double linear, double attention) {
    public double total() {
        return linear + attention;
    }

    /** Latent grid {@code frames x h x w} (before patching), {@code speakers} audio streams (1 to 4). */
    public static DitFlops of(DitConfig c, int frames, int h, int w, int speakers) {
        double t = (double) (frames / c.patchT()) * (h / c.patchH()) * (w / c.patchW());
        double perFrame = (double) (h / c.patchH()) * (w / c.patchW());
        double d = c.dim();
        double text = c.textLen();
        double clip = DitConfig.CLIP_TOKENS;
        double audioTokens = (double) speakers * c.contextTokens();
        double latent = frames / c.patchT();
        double linear = 2 * t * c.inDim() * c.patchVolume() * d
                + 2 * (c.freqDim() * d + d * d + 6 * d * d)
                + 2 * text * (c.textDim() * d + d * d)
                + 2 * clip * (c.clipDim() * (double) c.clipDim() + c.clipDim() * d)
                + 2 * speakers * (c.audioFirstInput() * (double) c.audioIntermediate()
                        + (latent - 1) * c.audioLaterInput() * c.audioIntermediate()
                        + latent * c.audioIntermediate() * (c.audioIntermediate()
                                + (double) c.contextTokens() * c.audioOutDim()))
                + 2 * t * d * c.patchVolume() * c.outDim();
        double perBlockLinear = 2 * t * d * d * 4 // self q k v o
                + 2 * t * d * d * 2 + 2 * (text + clip) * d * d * 2 // cross q o, k v (text and image)
                + 2 * t * d * d * 2 + 2 * latent * audioTokens * c.audioOutDim() * 2 * d // audio q proj, kv
                + 2 * t * d * c.ffnDim() * 2;
        double perBlockAttention = 4 * t * t * d + 4 * t * (text + clip) * d + 4 * t * audioTokens * d
                + (speakers > 1 ? 2 * t * perFrame * d : 0);
        return new DitFlops(linear + c.layers() * perBlockLinear, c.layers() * perBlockAttention);
    }
}
