package org.talkfx.inference.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.RandomTensors;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;

import java.util.HashMap;
import java.util.Map;

/**
 * The umT5 encoder as Wan's t5.py runs it: RMS LayerNorm (no mean, no bias) before attention and FFN, attention
 * without 1/sqrt(d) scaling plus a learned relative-position bias (one table per layer when not shared), gated
 * tanh-GELU FFN, final norm. The token embedding stays in the file and only the rows of the prompt are read,
 * since umt5-xxl's table alone is 1 B parameters: keep the weights' source (e.g. its Checkpoint) open while encoding.
 */
public final class UmT5Encoder implements AutoCloseable {
    private final UmT5Config config;
    private final Weights weights;
    private final NDManager params;
    private final Map<String, NDArray> w = new HashMap<>();

    private UmT5Encoder(NDManager parent, Weights weights, UmT5Config config) {
        this.config = config;
        this.weights = weights;
        this.params = parent.newSubManager();
        try {
            for (String key : weights.keys()) {
                if (!key.equals("token_embedding.weight")) {
                    w.put(key, weights.get(params, key));
                }
            }
            for (int i = 0; i < config.layers(); i++) {
                for (String k : new String[]{"norm1", "norm2", "attn.q", "attn.k", "attn.v", "attn.o", "ffn.fc1",
                        "ffn.fc2", "ffn.gate.0"}) {
                    require("blocks." + i + "." + k + ".weight");
                }
                if (!config.sharedPos()) {
                    require("blocks." + i + ".pos_embedding.embedding.weight");
                }
            }
            require("norm.weight");
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    public static UmT5Encoder load(NDManager parent, Weights weights) {
        return new UmT5Encoder(parent, weights, UmT5Config.fromWeights(weights));
    }

    public UmT5Config config() {
        return config;
    }

    /**
     * Encodes one prompt, [realLen, dim]. Trailing pad ids (0) are dropped first: with them masked out as keys the
     * real rows are the same, and the DiT receives exactly the trimmed rows.
     */
    public NDArray encode(NDManager m, long[] ids) {
        int real = ids.length;
        while (real > 0 && ids[real - 1] == UmT5Config.PAD_ID) {
            real--;
        }
        if (real == 0) {
            throw new IllegalArgumentException("no tokens to encode (empty prompt without EOS)");
        }
        long[] trimmed = java.util.Arrays.copyOf(ids, real);
        try (NDManager s = m.newSubManager()) {
            NDArray out = forward(s, trimmed, null).squeeze(0);
            out.attach(m);
            return out;
        }
    }

    /** The full padded sequence with its attention mask (1 = token, 0 = pad), [1, L, dim], as the official call. */
    public NDArray encodePadded(NDManager m, long[] ids, long[] mask) {
        try (NDManager s = m.newSubManager()) {
            NDArray out = forward(s, ids, mask);
            out.attach(m);
            return out;
        }
    }

    private NDArray forward(NDManager s, long[] ids, long[] mask) {
        int len = ids.length;
        for (long id : ids) {
            if (id < 0 || id >= config.vocab()) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + config.vocab());
            }
        }
        NDArray x = weights.rows(s, "token_embedding.weight", ids).expandDims(0); // [1, L, dim]
        NDArray keyMask = null;
        if (mask != null) {
            float[] bias = new float[len];
            for (int i = 0; i < len; i++) {
                bias[i] = mask[i] == 0 ? -Float.MAX_VALUE : 0f;
            }
            keyMask = s.create(bias, new Shape(1, 1, 1, len));
        }
        NDArray bucketIdx = s.create(flatten(RelativePositions.buckets(len, len, config.buckets(),
                UmT5Config.MAX_DISTANCE)));
        NDArray sharedBias = config.sharedPos() ? positionBias(w.get("pos_embedding.embedding.weight"), bucketIdx, len)
                : null;
        for (int i = 0; i < config.layers(); i++) {
            String p = "blocks." + i + ".";
            NDArray bias = sharedBias != null ? sharedBias
                    : positionBias(w.get(p + "pos_embedding.embedding.weight"), bucketIdx, len);
            if (keyMask != null) {
                bias = bias.add(keyMask);
            }
            x = x.add(attention(Ops.rmsNorm(x, w.get(p + "norm1.weight"), config.eps()), p + "attn.", bias));
            NDArray h = Ops.rmsNorm(x, w.get(p + "norm2.weight"), config.eps());
            NDArray gate = Ops.geluTanh(Ops.linear(h, w.get(p + "ffn.gate.0.weight"), null));
            NDArray ff = Ops.linear(Ops.linear(h, w.get(p + "ffn.fc1.weight"), null).mul(gate),
                    w.get(p + "ffn.fc2.weight"), null);
            x = x.add(ff);
        }
        return Ops.rmsNorm(x, w.get("norm.weight"), config.eps());
    }

    /** [1, heads, L, L] bias from a [buckets, heads] table. */
    private static NDArray positionBias(NDArray table, NDArray bucketIdx, int len) {
        NDArray picked = table.get(bucketIdx);
        // the table belongs to the parameters; move the result to the activations' manager
        picked.attach(bucketIdx.getManager());
        return picked.reshape(len, len, -1).transpose(2, 0, 1).expandDims(0);
    }

    private NDArray attention(NDArray x, String p, NDArray bias) {
        long len = x.getShape().get(1);
        int heads = config.heads();
        int d = config.dimAttn() / heads;
        NDArray q = Ops.linear(x, w.get(p + "q.weight"), null).reshape(1, len, heads, d).transpose(0, 2, 1, 3);
        NDArray k = Ops.linear(x, w.get(p + "k.weight"), null).reshape(1, len, heads, d).transpose(0, 2, 3, 1);
        NDArray v = Ops.linear(x, w.get(p + "v.weight"), null).reshape(1, len, heads, d).transpose(0, 2, 1, 3);
        NDArray probs = q.matMul(k).add(bias).softmax(-1); // T5 does not scale by 1/sqrt(d)
        NDArray out = probs.matMul(v).transpose(0, 2, 1, 3).reshape(1, len, config.dimAttn());
        return Ops.linear(out, w.get(p + "o.weight"), null);
    }

    private static long[] flatten(long[][] a) {
        long[] out = new long[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        }
        return out;
    }

    private void require(String key) {
        if (!w.containsKey(key)) {
            throw new BadInputException(weights.source(), "missing umT5 weight '" + key + "'");
        }
    }

    /** Random weights with Wan's t5.py key names (the fixture's init rules), stored as float32. */
    public static Map<String, TensorData> randomWeights(UmT5Config c, long seed) {
        return randomWeights(c, seed, DType.F32);
    }

    public static Map<String, TensorData> randomWeights(UmT5Config c, long seed, DType storage) {
        RandomTensors r = new RandomTensors(seed, storage);
        r.normal("token_embedding.weight", 0f, 1f, c.vocab(), c.dim());
        if (c.sharedPos()) {
            r.normal("pos_embedding.embedding.weight", 0f, 0.5f, c.buckets(), c.heads());
        }
        for (int i = 0; i < c.layers(); i++) {
            String p = "blocks." + i + ".";
            r.normWeight(p + "norm1.weight", c.dim()).normWeight(p + "norm2.weight", c.dim())
                    .matrix(p + "attn.q.weight", c.dimAttn(), c.dim()).matrix(p + "attn.k.weight", c.dimAttn(), c.dim())
                    .matrix(p + "attn.v.weight", c.dimAttn(), c.dim()).matrix(p + "attn.o.weight", c.dim(), c.dimAttn())
                    .matrix(p + "ffn.gate.0.weight", c.ffn(), c.dim()).matrix(p + "ffn.fc1.weight", c.ffn(), c.dim())
                    .matrix(p + "ffn.fc2.weight", c.dim(), c.ffn());
            if (!c.sharedPos()) {
                r.normal(p + "pos_embedding.embedding.weight", 0f, 0.5f, c.buckets(), c.heads());
            }
        }
        r.normWeight("norm.weight", c.dim());
        return r.build();
    }

    @Override
    public void close() {
        params.close();
    }
}
