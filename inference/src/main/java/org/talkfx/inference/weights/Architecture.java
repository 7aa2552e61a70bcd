package org.talkfx.inference.weights;

/**
 * What a checkpoint is, read from tensor names and shapes only ({@link Architectures#detect}). The numbers are raw
 * facts of the file; network configs (DitConfig, Wav2Vec2Config, UmT5Config, ...) are built from them.
 */
public sealed interface Architecture {
    /** A one-line description for logs and the doctor command. */
    String describe();

    /**
     * The audio side of an InfiniteTalk/MultiTalk DiT. {@code perFrameInput} = wav2vec2 layers x hidden (12 x 768 =
     * 9216), read as proj1 in-features / window; the split into layers x hidden is not visible in these weights.
     */
    record AudioAdapter(int dim, int layers, int window, int perFrameInput, int vfSlots, int intermediate,
                        int tokenDim, int contextTokens, String variantHint) implements Architecture {
        @Override
        public String describe() {
            return "InfiniteTalk/MultiTalk audio adapter (" + variantHint + "): dim " + dim + ", " + layers
                    + " blocks, audio window " + window + " x " + perFrameInput + " per frame, " + contextTokens
                    + " tokens of " + tokenDim + " per latent frame";
        }
    }

    /** A Wan 2.1 DiT (optionally with the audio adapter merged in). {@code clipWidth} is 0 for t2v. */
    record Dit(int dim, int layers, int heads, int ffnDim, int inDim, int outDim, int textDim, int freqDim,
               int[] patchSize, boolean i2v, int clipWidth, AudioAdapter audio) implements Architecture {
        @Override
        public String describe() {
            return "Wan2.1 " + (i2v ? "I2V" : "T2V") + " DiT: dim " + dim + ", " + layers + " layers, " + heads
                    + " heads, ffn " + ffnDim + ", in " + inDim + " / out " + outDim + " channels, text " + textDim
                    + (i2v ? ", CLIP width " + clipWidth : "")
                    + (audio != null ? "; with audio adapter (" + audio.variantHint() + ")" : "; no audio adapter");
        }
    }

    /** Wan 2.1 VAE: base width (96) and latent channels (16). */
    record Vae(int baseDim, int zDim) implements Architecture {
        @Override
        public String describe() {
            return "Wan2.1 VAE: base width " + baseDim + ", " + zDim + " latent channels";
        }
    }

    /** CLIP vision tower; {@code naming} "open-clip" (Wan's clip.py, visual.*) or "hf" (ComfyUI clip_vision_h). */
    record Clip(int width, int layers, int patch, int imageSize, String naming) implements Architecture {
        @Override
        public String describe() {
            return "CLIP ViT vision tower (" + naming + " names): width " + width + ", " + layers + " layers, patch "
                    + patch + ", image " + imageSize;
        }
    }

    record UmT5(int vocab, int dim, int dimAttn, int ffn, int heads, int layers, int buckets, boolean sharedPos)
            implements Architecture {
        @Override
        public String describe() {
            return "umT5 encoder: vocab " + vocab + ", dim " + dim + ", " + layers + " layers, " + heads + " heads, ffn "
                    + ffn;
        }
    }

    record Wav2Vec2(int convLayers, int convDim, int hidden, int layers, int ffn) implements Architecture {
        @Override
        public String describe() {
            return "wav2vec2: " + convLayers + " conv layers of " + convDim + ", " + layers + " layers of " + hidden
                    + ", ffn " + ffn;
        }
    }

    /** A LoRA; {@code targetsDit} when its modules name Wan DiT blocks. */
    record LoraFile(int rank, int modules, boolean targetsDit) implements Architecture {
        @Override
        public String describe() {
            return "LoRA: rank " + rank + ", " + modules + " modules" + (targetsDit ? " for a Wan DiT" : "");
        }
    }
}
