package org.talkfx.inference.t5;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.Weights;

/** umT5 encoder hyperparameters (Wan's t5.py naming: dim_attn may differ from dim; position bias per layer). */
public record UmT5Config(int vocab, int dim, int dimAttn, int ffn, int heads, int layers, int buckets,
                         boolean sharedPos, float eps) {
    public static final int MAX_DISTANCE = 128;
    public static final int PAD_ID = 0;

    public UmT5Config {
        if (dimAttn % heads != 0) {
            throw new IllegalArgumentException("dim_attn " + dimAttn + " not divisible by " + heads + " heads");
        }
    }

    /** umt5-xxl: vocab 256384, dim 4096, FFN 10240, 64 heads, 24 layers, 32 buckets, per-layer bias. */
    public static UmT5Config xxl() {
        return new UmT5Config(256_384, 4096, 4096, 10_240, 64, 24, 32, false, 1e-6f);
    }

    /** The parity fixture's configuration. */
    public static UmT5Config tiny() {
        return new UmT5Config(512, 32, 32, 64, 4, 2, 32, false, 1e-6f);
    }

    /** Every number read from tensor shapes; the head count is the width of the position-bias table. */
    public static UmT5Config fromWeights(Weights w) {
        if (!w.contains("token_embedding.weight") || !w.contains("blocks.0.attn.q.weight")) {
            throw new BadInputException(w.source(), "is not a umT5 encoder checkpoint (no token_embedding.weight / "
                    + "blocks.0.attn.q.weight in Wan's t5.py naming)");
        }
        long[] emb = w.shape("token_embedding.weight");
        int layers = 0;
        while (w.contains("blocks." + layers + ".attn.q.weight")) {
            layers++;
        }
        boolean shared = w.contains("pos_embedding.embedding.weight");
        long[] pos = w.shape(shared ? "pos_embedding.embedding.weight" : "blocks.0.pos_embedding.embedding.weight");
        return new UmT5Config((int) emb[0], (int) emb[1], (int) w.shape("blocks.0.attn.q.weight")[0],
                (int) w.shape("blocks.0.ffn.fc1.weight")[0], (int) pos[1], layers, (int) pos[0], shared, 1e-6f);
    }
}
