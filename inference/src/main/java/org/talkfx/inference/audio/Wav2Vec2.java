package org.talkfx.inference.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.RandomTensors;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;

import java.util.HashMap;
import java.util.Map;

/**
 * InfiniteTalk's wav2vec2: conv feature encoder at 50 Hz, linear interpolation (align_corners) to one position per
 * 25 fps video frame, then feature projection, positional conv and the post-LN transformer. {@link #embed} returns
 * the output of every transformer layer, [frames, layers, hidden]. Raw 16 kHz samples go in unnormalised, as the
 * official feature extractor is configured (do_normalize=False).
 */
public final class Wav2Vec2 implements AutoCloseable {
    static final String POS_CONV = "encoder.pos_conv_embed.conv.";
    private static final String PREFIX = "wav2vec2.";

    private final Wav2Vec2Config config;
    private final NDManager params;
    private final Map<String, NDArray> w = new HashMap<>();

    private Wav2Vec2(NDManager parent, Weights weights, Wav2Vec2Config config) {
        this.config = config;
        this.params = parent.newSubManager();
        try {
            for (String key : weights.keys()) {
                boolean used = key.startsWith("feature_extractor.") || key.startsWith("feature_projection.")
                        || key.startsWith("encoder.");
                if (used && !key.startsWith(POS_CONV + "weight") && !key.startsWith(POS_CONV + "parametrizations")) {
                    w.put(key, weights.get(params, key));
                }
            }
            w.put(POS_CONV + "weight", effectivePosConvWeight(params, weights));
            for (int i = 0; i < config.layers(); i++) {
                require(weights, "encoder.layers." + i + ".final_layer_norm.weight");
            }
            require(weights, "encoder.layer_norm.weight");
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    /** Loads from official (HF Wav2Vec2Model) key names, with or without the {@code wav2vec2.} prefix. */
    public static Wav2Vec2 load(NDManager parent, Weights weights) {
        Weights canonical = canonical(weights);
        return new Wav2Vec2(parent, canonical, Wav2Vec2Config.fromWeights(canonical));
    }

    public static Wav2Vec2 load(NDManager parent, Weights weights, Wav2Vec2Config config) {
        return new Wav2Vec2(parent, canonical(weights), config);
    }

    /** Strips the {@code wav2vec2.} prefix of full-model checkpoints (HF base_model_prefix, WVW's single file). */
    public static Weights canonical(Weights weights) {
        return weights.contains(PREFIX + "feature_projection.projection.weight") ? weights.prefixed(PREFIX) : weights;
    }

    public Wav2Vec2Config config() {
        return config;
    }

    /** Video frames at 25 fps for {@code samples} at 16 kHz, as the official code counts them: int(seconds * 25). */
    public static int videoFrames(int samples) {
        return (int) (samples / 16000.0 * 25);
    }

    /** [videoFrames, layers, hidden]: every transformer layer's output, one row per 25 fps video frame. */
    public NDArray embed(NDManager m, float[] audio16k, int videoFrames) {
        if (videoFrames < 1) {
            throw new IllegalArgumentException("videoFrames must be >= 1, got " + videoFrames);
        }
        if (config.convFrames(audio16k.length) < 1) {
            throw new IllegalArgumentException("audio of " + audio16k.length + " samples is too short for wav2vec2");
        }
        try (NDManager s = m.newSubManager()) {
            NDArray features = interpolate(convFeatures(s, audio16k), videoFrames);
            NDList layers = encode(encoderInput(features));
            NDArray out = NDArrays.stack(layers, 1);
            out.attach(m);
            return out;
        }
    }

    /** Conv feature encoder output at 50 Hz, [convFrames, convDim] (the fixture's conv_features). */
    public NDArray convFeatures(NDManager m, float[] audio16k) {
        NDArray x = m.create(audio16k, new Shape(1, 1, audio16k.length));
        for (int i = 0; i < config.convDims().length; i++) {
            String p = "feature_extractor.conv_layers." + i + ".";
            x = Conv1d.conv1d(x, w.get(p + "conv.weight"), w.get(p + "conv.bias"), new Shape(config.convStrides()[i]),
                    new Shape(0), new Shape(1), 1).singletonOrThrow();
            if (i == 0) {
                x = channelNorm(x, w.get(p + "layer_norm.weight"), w.get(p + "layer_norm.bias"));
            }
            x = Ops.gelu(x);
        }
        return x.squeeze(0).transpose(); // [L, C]
    }

    /**
     * Linear interpolation along time with align_corners=True, [L, C] -> [frames, C]: output i samples input
     * position i * (L - 1) / (frames - 1), as torch's F.interpolate(mode="linear", align_corners=True).
     */
    public static NDArray interpolate(NDArray features, int frames) {
        long inLen = features.getShape().get(0);
        long[] lo = new long[frames];
        long[] hi = new long[frames];
        float[] frac = new float[frames];
        float scale = frames > 1 ? (float) (inLen - 1) / (frames - 1) : 0f;
        for (int i = 0; i < frames; i++) {
            float real = scale * i;
            lo[i] = Math.min((long) real, inLen - 1);
            hi[i] = Math.min(lo[i] + 1, inLen - 1);
            frac[i] = real - lo[i];
        }
        NDManager m = features.getManager();
        NDArray f = m.create(frac, new Shape(frames, 1));
        NDArray a = features.get(m.create(lo));
        NDArray b = features.get(m.create(hi));
        return a.mul(f.neg().add(1f)).add(b.mul(f));
    }

    /** Feature projection, positional conv and the encoder's LayerNorm: the first transformer input (hidden0). */
    public NDArray encoderInput(NDArray features) {
        NDArray h = Ops.layerNorm(features, w.get("feature_projection.layer_norm.weight"),
                w.get("feature_projection.layer_norm.bias"), config.eps());
        h = Ops.linear(h, w.get("feature_projection.projection.weight"), w.get("feature_projection.projection.bias"));
        NDArray x = h.transpose().expandDims(0); // [1, H, T]
        int k = config.posConvKernel();
        NDArray pos = Conv1d.conv1d(x, w.get(POS_CONV + "weight"), w.get(POS_CONV + "bias"), new Shape(1),
                new Shape(k / 2), new Shape(1), config.posConvGroups()).singletonOrThrow();
        if (k % 2 == 0) {
            pos = pos.get(":, :, :-1"); // Wav2Vec2SamePadLayer drops the extra frame of an even kernel
        }
        h = h.add(Ops.gelu(pos).squeeze(0).transpose());
        return Ops.layerNorm(h, w.get("encoder.layer_norm.weight"), w.get("encoder.layer_norm.bias"), config.eps());
    }

    /** The post-LN transformer; returns each layer's output [T, hidden] (hidden_states[1:]). */
    public NDList encode(NDArray hidden0) {
        NDList outs = new NDList();
        NDArray h = hidden0.expandDims(0);
        int heads = config.heads();
        long t = h.getShape().get(1);
        int d = config.hidden() / heads;
        for (int i = 0; i < config.layers(); i++) {
            String p = "encoder.layers." + i + ".";
            NDArray q = Ops.linear(h, w.get(p + "attention.q_proj.weight"), w.get(p + "attention.q_proj.bias"));
            NDArray k = Ops.linear(h, w.get(p + "attention.k_proj.weight"), w.get(p + "attention.k_proj.bias"));
            NDArray v = Ops.linear(h, w.get(p + "attention.v_proj.weight"), w.get(p + "attention.v_proj.bias"));
            Shape split = new Shape(1, t, heads, d);
            NDArray a = Ops.attention(q.reshape(split), k.reshape(split), v.reshape(split), 1024)
                    .reshape(1, t, config.hidden());
            a = Ops.linear(a, w.get(p + "attention.out_proj.weight"), w.get(p + "attention.out_proj.bias"));
            h = Ops.layerNorm(h.add(a), w.get(p + "layer_norm.weight"), w.get(p + "layer_norm.bias"), config.eps());
            NDArray f = Ops.gelu(Ops.linear(h, w.get(p + "feed_forward.intermediate_dense.weight"),
                    w.get(p + "feed_forward.intermediate_dense.bias")));
            f = Ops.linear(f, w.get(p + "feed_forward.output_dense.weight"), w.get(p + "feed_forward.output_dense.bias"));
            h = Ops.layerNorm(h.add(f), w.get(p + "final_layer_norm.weight"), w.get(p + "final_layer_norm.bias"),
                    config.eps());
            outs.add(h.squeeze(0));
        }
        return outs;
    }

    /** GroupNorm with one group per channel over time (feat_extract_norm=group), x [1, C, L]. */
    private NDArray channelNorm(NDArray x, NDArray gamma, NDArray beta) {
        NDArray centred = x.sub(x.mean(new int[]{2}, true));
        NDArray var = centred.square().mean(new int[]{2}, true);
        NDArray y = centred.div(var.add(config.eps()).sqrt());
        return y.mul(gamma.reshape(1, -1, 1)).add(beta.reshape(1, -1, 1));
    }

    /** Shape [out, in/groups, kernel] of the positional conv, whichever weight-norm naming the file uses. */
    static long[] posConvShape(Weights w) {
        for (String key : new String[]{"weight_v", "parametrizations.weight.original1", "weight"}) {
            if (w.contains(POS_CONV + key)) {
                return w.shape(POS_CONV + key);
            }
        }
        throw new BadInputException(w.source(), "has no positional conv weight (" + POS_CONV
                + "weight_g/weight_v or parametrizations.weight.original0/original1)");
    }

    /**
     * The weight-normed positional conv kernel g * v / ||v||, the norm taken over dims 0 and 1 (weight_norm dim=2).
     * Checkpoints store it as weight_g/weight_v (legacy) or parametrizations.weight.original0/original1.
     */
    static NDArray effectivePosConvWeight(NDManager m, Weights w) {
        String g;
        String v;
        if (w.contains(POS_CONV + "weight_g")) {
            g = POS_CONV + "weight_g";
            v = POS_CONV + "weight_v";
        } else if (w.contains(POS_CONV + "parametrizations.weight.original0")) {
            g = POS_CONV + "parametrizations.weight.original0";
            v = POS_CONV + "parametrizations.weight.original1";
        } else {
            return w.get(m, POS_CONV + "weight");
        }
        NDArray gain = w.get(m, g);
        NDArray dir = w.get(m, v);
        NDArray norm = dir.square().sum(new int[]{0, 1}, true).sqrt();
        return dir.mul(gain.reshape(1, 1, -1)).div(norm);
    }

    /** Random weights with the real HF key names (legacy weight_g/weight_v), stored as float32. */
    public static Map<String, TensorData> randomWeights(Wav2Vec2Config c, long seed) {
        return randomWeights(c, seed, DType.F32);
    }

    /** Random weights with the real HF key names, stored in {@code storage} (F32, F16 or F8_E4M3). */
    public static Map<String, TensorData> randomWeights(Wav2Vec2Config c, long seed, DType storage) {
        RandomTensors r = new RandomTensors(seed, storage);
        long in = 1;
        for (int i = 0; i < c.convDims().length; i++) {
            String p = "feature_extractor.conv_layers." + i + ".";
            r.matrix(p + "conv.weight", c.convDims()[i], in, c.convKernels()[i]);
            if (i == 0) {
                r.normWeight(p + "layer_norm.weight", c.convDims()[0]).bias(p + "layer_norm.bias", c.convDims()[0]);
            }
            in = c.convDims()[i];
        }
        int h = c.hidden();
        r.normWeight("feature_projection.layer_norm.weight", in).bias("feature_projection.layer_norm.bias", in)
                .matrix("feature_projection.projection.weight", h, in).bias("feature_projection.projection.bias", h)
                .normal(POS_CONV + "weight_g", 1f, 0.1f, 1, 1, c.posConvKernel())
                .matrix(POS_CONV + "weight_v", h, h / c.posConvGroups(), c.posConvKernel())
                .bias(POS_CONV + "bias", h)
                .normWeight("encoder.layer_norm.weight", h).bias("encoder.layer_norm.bias", h);
        for (int i = 0; i < c.layers(); i++) {
            String p = "encoder.layers." + i + ".";
            for (String proj : new String[]{"q_proj", "k_proj", "v_proj", "out_proj"}) {
                r.matrix(p + "attention." + proj + ".weight", h, h).bias(p + "attention." + proj + ".bias", h);
            }
            r.normWeight(p + "layer_norm.weight", h).bias(p + "layer_norm.bias", h)
                    .matrix(p + "feed_forward.intermediate_dense.weight", c.ffn(), h)
                    .bias(p + "feed_forward.intermediate_dense.bias", c.ffn())
                    .matrix(p + "feed_forward.output_dense.weight", h, c.ffn())
                    .bias(p + "feed_forward.output_dense.bias", h)
                    .normWeight(p + "final_layer_norm.weight", h).bias(p + "final_layer_norm.bias", h);
        }
        return r.build();
    }

    private static void require(Weights weights, String key) {
        if (!weights.contains(key)) {
            throw new BadInputException(weights.source(), "missing wav2vec2 weight '" + key + "'");
        }
    }

    @Override
    public void close() {
        params.close();
    }
}
