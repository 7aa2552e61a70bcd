package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.nn.RandomParams;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Wan 2.1 VAE as the official {@code WanVAE} wrapper runs it: encode in chunks of 1, 4, 4, ... frames and decode
 * one latent frame at a time, carrying the causal frame cache between chunks, with the per-channel latent
 * normalisation. Each chunk runs in its own NDManager scope, so memory is bounded by one chunk, not the clip.
 */
public final class WanVae implements AutoCloseable {
    /** Per-channel latent mean of the real Wan 2.1 VAE ({@code wan/modules/vae.py}, {@code WanVAE.__init__}). */
    public static final float[] LATENT_MEAN = {
        -0.7571f, -0.7089f, -0.9113f, 0.1075f, -0.1745f, 0.9653f, -0.1517f, 1.5508f,
        0.4134f, -0.0715f, 0.5517f, -0.3632f, -0.1922f, -0.9497f, 0.2503f, -0.2921f};
    /** Per-channel latent standard deviation of the real Wan 2.1 VAE. */
    public static final float[] LATENT_STD = {
        2.8184f, 1.4541f, 2.3275f, 2.6558f, 1.2196f, 1.7708f, 2.6052f, 2.0743f,
        3.2687f, 2.1526f, 2.8652f, 1.5579f, 1.6382f, 1.1253f, 2.8251f, 1.9160f};

    private final NDManager params;
    private final WanVaeConfig config;
    private final DataType compute;
    private final Encoder3d encoder;
    private final Decoder3d decoder;
    private final CausalConv3d conv1;
    private final CausalConv3d conv2;

    private WanVae(NDManager params, WanVaeConfig config, DataType compute, ParamSource p) {
        this.params = params;
        this.config = config;
        this.compute = compute;
        this.encoder = new Encoder3d(p, config);
        this.decoder = new Decoder3d(p, config);
        this.conv1 = CausalConv3d.pointwise(p, "conv1", 2L * config.zDim(), 2L * config.zDim());
        this.conv2 = CausalConv3d.pointwise(p, "conv2", config.zDim(), config.zDim());
    }

    /** Loads a VAE (official state_dict names); its parameters live in a sub-manager of {@code manager}. */
    public static WanVae load(NDManager manager, Weights weights) {
        return load(manager, weights, DataType.FLOAT32);
    }

    /**
     * As above, its convolutions computing in {@code compute} (FLOAT16 on a GPU: half the bytes of every feature map,
     * which is what the VAE's time goes to); latents and frames stay float32 at the interface.
     */
    public static WanVae load(NDManager manager, Weights weights, DataType compute) {
        WanVaeConfig config = WanVaeConfig.detect(weights);
        if (config.zDim() != LATENT_MEAN.length) {
            throw new BadInputException(weights.source(), "VAE has " + config.zDim()
                    + " latent channels; the Wan 2.1 latent normalisation needs " + LATENT_MEAN.length);
        }
        NDManager params = manager.newSubManager();
        try {
            return new WanVae(params, config, compute, (key, shape) -> {
                long[] actual = weights.shape(key);
                if (!Arrays.equals(actual, shape)) {
                    throw new BadInputException(weights.source(), "VAE weight '" + key + "' has shape "
                            + Arrays.toString(actual) + ", expected " + Arrays.toString(shape));
                }
                NDArray w = weights.get(params, key);
                if (w.getDataType() == compute) {
                    return w;
                }
                NDArray narrowed = w.toType(compute, false);
                w.close();
                return narrowed;
            });
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    /** Every parameter of a VAE with this config: official state_dict name and shape, in module order. */
    public static Map<String, long[]> parameterShapes(WanVaeConfig config) {
        Map<String, long[]> out = new LinkedHashMap<>();
        new WanVae(null, config, DataType.FLOAT32, (key, shape) -> {
            out.put(key, shape.clone());
            return null;
        });
        return out;
    }

    /** Random weights with the real key names and the config's shapes (tiny demo and test models). */
    public static Map<String, TensorData> randomWeights(WanVaeConfig config, long seed) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        parameterShapes(config).forEach((key, shape) -> out.put(key, RandomParams.draw(key, shape, seed)));
        return out;
    }

    public WanVaeConfig config() {
        return config;
    }

    /**
     * Video [3, T, H, W] in [-1, 1] to normalised latents [z, 1 + (T-1)/4, H/8, W/8]. As in the official code, frames
     * beyond the last complete chunk of 4 are not encoded.
     */
    public NDArray encode(NDManager manager, NDArray video) {
        Shape s = video.getShape();
        int stride = config.spatialStride();
        if (s.dimension() != 4 || s.get(0) != 3 || s.get(1) < 1 || s.get(2) % stride != 0
                || s.get(3) % stride != 0 || s.get(2) == 0 || s.get(3) == 0) {
            throw new IllegalArgumentException("VAE input must be [3, T >= 1, H, W] with H, W positive multiples of "
                    + stride + ", got " + s);
        }
        int temporal = config.temporalStride();
        long chunks = 1 + (s.get(1) - 1) / temporal;
        try (NDManager call = manager.newSubManager()) {
            FeatureCache cache = new FeatureCache(call, encoder.slotCount());
            NDList outputs = new NDList();
            for (long i = 0; i < chunks; i++) {
                long from = i == 0 ? 0 : 1 + temporal * (i - 1);
                long to = i == 0 ? 1 : 1 + temporal * i;
                try (NDManager step = call.newSubManager()) {
                    NDArray chunk = video.get(":, {}:{}", from, to);
                    chunk.attach(step);
                    NDArray out = encoder.forward(chunk.toType(compute, true).expandDims(0), cache);
                    out.attach(call);
                    outputs.add(out);
                }
            }
            NDArray h = outputs.size() == 1 ? outputs.singletonOrThrow() : NDArrays.concat(outputs, 2);
            NDArray mu = conv1.forward(h, null).get(":, 0:{}", config.zDim());
            NDArray latents = mu.sub(channelVector(call, LATENT_MEAN)).mul(channelVector(call, inverseStd()))
                    .squeeze(0);
            latents.attach(manager);
            return latents;
        }
    }

    /** Normalised latents [z, t, h, w] to video [3, 1 + 4(t-1), 8h, 8w], clamped to [-1, 1]. */
    public NDArray decode(NDManager manager, NDArray latents) {
        Shape s = latents.getShape();
        if (s.dimension() != 4 || s.get(0) != config.zDim() || s.size() == 0) {
            throw new IllegalArgumentException("VAE latents must be [" + config.zDim() + ", t >= 1, h, w], got " + s);
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray z = latents.toType(DataType.FLOAT32, true);
            z.attach(call);
            z = z.expandDims(0).div(channelVector(call, inverseStd())).add(channelVector(call, LATENT_MEAN))
                    .toType(compute, false);
            NDArray x = conv2.forward(z, null);
            FeatureCache cache = new FeatureCache(call, decoder.slotCount());
            NDList frames = new NDList();
            for (long i = 0; i < s.get(1); i++) {
                try (NDManager step = call.newSubManager()) {
                    NDArray latent = x.get(":, :, {}:{}", i, i + 1);
                    latent.attach(step);
                    NDArray out = VaeOps.scoped(decoder.forward(latent, cache), v -> v.clip(-1f, 1f));
                    out.attach(call);
                    frames.add(out);
                }
            }
            NDArray video = (frames.size() == 1 ? frames.singletonOrThrow() : NDArrays.concat(frames, 2)).squeeze(0)
                    .toType(DataType.FLOAT32, false);
            video.attach(manager);
            return video;
        }
    }

    private static float[] inverseStd() {
        // the official scale is [mean, 1/std] computed in float32, then multiplied (encode) or divided (decode)
        float[] inv = new float[LATENT_STD.length];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1f / LATENT_STD[i];
        }
        return inv;
    }

    private static NDArray channelVector(NDManager manager, float[] values) {
        return manager.create(values).reshape(1, values.length, 1, 1, 1);
    }

    @Override
    public void close() {
        if (params != null) {
            params.close();
        }
    }
}
