package org.talkfx.inference.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.nn.RandomParams;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLIP ViT visual tower as Wan's {@code CLIPModel.visual} runs it: bicubic stretch to 224x224 (no crop), [-1,1]
 * to [0,1], CLIP mean/std, patch embedding, class token and positions, pre-norm, then every transformer block but
 * the last ({@code use_31_block}) and no post-norm, giving [1, 257, width].
 */
public final class ClipVision implements AutoCloseable {
    static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
    private static final float EPS = 1e-5f;
    private static final int QUERY_CHUNK = 512;

    private final NDManager params;
    private final ClipVisionConfig config;
    private final Map<String, NDArray> w;

    private ClipVision(NDManager params, ClipVisionConfig config, Map<String, NDArray> w) {
        this.params = params;
        this.config = config;
        this.w = w;
    }

    /** Every parameter the encoder reads, with its shape; names as in the checkpoint ({@code visual.} prefix). */
    public static Map<String, long[]> parameterShapes(ClipVisionConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long d = c.width();
        m.put("visual.patch_embedding.weight", new long[]{d, 3, c.patchSize(), c.patchSize()});
        m.put("visual.cls_embedding", new long[]{1, 1, d});
        m.put("visual.pos_embedding", new long[]{1, c.tokens(), d});
        m.put("visual.pre_norm.weight", new long[]{d});
        m.put("visual.pre_norm.bias", new long[]{d});
        // the last block is part of the checkpoint even though Wan never runs it
        for (int i = 0; i < c.layers(); i++) {
            String b = "visual.transformer." + i + ".";
            m.put(b + "norm1.weight", new long[]{d});
            m.put(b + "norm1.bias", new long[]{d});
            m.put(b + "attn.to_qkv.weight", new long[]{3 * d, d});
            m.put(b + "attn.to_qkv.bias", new long[]{3 * d});
            m.put(b + "attn.proj.weight", new long[]{d, d});
            m.put(b + "attn.proj.bias", new long[]{d});
            m.put(b + "norm2.weight", new long[]{d});
            m.put(b + "norm2.bias", new long[]{d});
            m.put(b + "mlp.0.weight", new long[]{c.mlpDim(), d});
            m.put(b + "mlp.0.bias", new long[]{c.mlpDim()});
            m.put(b + "mlp.2.weight", new long[]{d, c.mlpDim()});
            m.put(b + "mlp.2.bias", new long[]{d});
        }
        return m;
    }

    /**
     * Loads the tower from any layout {@link ClipVisionWeights} knows; only the blocks Wan runs are read. Parameters
     * live in a sub-manager of {@code manager}.
     */
    public static ClipVision load(NDManager manager, Weights file) {
        Weights weights = ClipVisionWeights.official(file);
        ClipVisionConfig config = ClipVisionConfig.detect(weights);
        String unused = "visual.transformer." + (config.layers() - 1) + ".";
        NDManager params = manager.newSubManager();
        try {
            Map<String, NDArray> w = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : parameterShapes(config).entrySet()) {
                if (e.getKey().startsWith(unused)) {
                    continue;
                }
                if (!weights.contains(e.getKey())) {
                    throw new BadInputException(weights.source(), "missing CLIP weight '" + e.getKey() + "'");
                }
                long[] actual = weights.shape(e.getKey());
                if (!Arrays.equals(actual, e.getValue())) {
                    throw new BadInputException(weights.source(), "CLIP weight '" + e.getKey() + "' has shape "
                            + Arrays.toString(actual) + ", expected " + Arrays.toString(e.getValue()));
                }
                w.put(e.getKey(), weights.get(params, e.getKey()));
            }
            return new ClipVision(params, config, w);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    /** Random weights with the checkpoint's key names and the config's shapes (tiny demo and test models). */
    public static Map<String, TensorData> randomWeights(ClipVisionConfig config, long seed) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        parameterShapes(config).forEach((key, shape) -> out.put(key, RandomParams.draw(key, shape, seed)));
        return out;
    }

    public ClipVisionConfig config() {
        return config;
    }

    /** Image [3, H, W] in [-1, 1] to features [1, tokens, width] (the penultimate block's output). */
    public NDArray encode(NDManager manager, NDArray image) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = encodePreprocessed(preprocess(scope, image));
            x.attach(manager);
            return x;
        }
    }

    /**
     * Wan's preprocessing: bicubic resize of the whole frame to imageSize² (aspect ratio not kept, no antialias, no
     * clamp), then x·0.5 + 0.5 and the CLIP mean/std. Returns [1, 3, S, S] owned by {@code manager}.
     */
    public NDArray preprocess(NDManager manager, NDArray image) {
        Shape s = image.getShape();
        if (s.dimension() != 3 || s.get(0) != 3 || s.get(1) == 0 || s.get(2) == 0) {
            throw new IllegalArgumentException("CLIP input must be [3, H, W] with H, W > 0, got " + s);
        }
        int size = config.imageSize();
        float[] pixels;
        if (image.getDataType() == DataType.FLOAT32) {
            pixels = image.toFloatArray();
        } else {
            try (NDArray converted = image.toType(DataType.FLOAT32, true)) {
                pixels = converted.toFloatArray();
            }
        }
        float[] resized = BicubicResize.resize(pixels, 3, (int) s.get(1), (int) s.get(2), size, size);
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                resized[i] = (resized[i] * 0.5f + 0.5f - MEAN[c]) / STD[c];
            }
        }
        return manager.create(resized, new Shape(1, 3, size, size));
    }

    /** The transformer part on an already preprocessed [1, 3, S, S] batch. */
    NDArray encodePreprocessed(NDArray pixels) {
        long d = config.width();
        int p = config.patchSize();
        NDArray patches = pixels.getNDArrayInternal().convolution(pixels, w.get("visual.patch_embedding.weight"),
                null, new Shape(p, p), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        NDArray tokens = patches.reshape(1, d, -1).transpose(0, 2, 1);
        NDArray cls = w.get("visual.cls_embedding").duplicate();
        cls.attach(pixels.getManager());
        NDArray x = cls.concat(tokens, 1).add(w.get("visual.pos_embedding"));
        x = Ops.layerNorm(x, w.get("visual.pre_norm.weight"), w.get("visual.pre_norm.bias"), EPS);
        for (int i = 0; i < config.layers() - 1; i++) {
            // each block's temporaries (about 30 MB for ViT-H) are freed before the next block
            NDManager parent = x.getManager();
            try (NDManager scope = parent.newSubManager()) {
                x.attach(scope);
                x = block(x, "visual.transformer." + i + ".");
                x.attach(parent);
            }
        }
        return x;
    }

    private NDArray block(NDArray x, String b) {
        long tokens = x.getShape().get(1);
        long d = config.width();
        int heads = config.heads();
        NDArray h = Ops.layerNorm(x, w.get(b + "norm1.weight"), w.get(b + "norm1.bias"), EPS);
        NDArray qkv = Ops.linear(h, w.get(b + "attn.to_qkv.weight"), w.get(b + "attn.to_qkv.bias"))
                .reshape(1, tokens, 3, heads, d / heads);
        NDList split = qkv.split(3, 2);
        List<NDArray> qkvList = new ArrayList<>();
        for (NDArray part : split) {
            qkvList.add(part.squeeze(2));
        }
        NDArray attn = Ops.attention(qkvList.get(0), qkvList.get(1), qkvList.get(2), QUERY_CHUNK)
                .reshape(1, tokens, d);
        x = x.add(Ops.linear(attn, w.get(b + "attn.proj.weight"), w.get(b + "attn.proj.bias")));
        NDArray m = Ops.layerNorm(x, w.get(b + "norm2.weight"), w.get(b + "norm2.bias"), EPS);
        m = Ops.gelu(Ops.linear(m, w.get(b + "mlp.0.weight"), w.get(b + "mlp.0.bias")));
        return x.add(Ops.linear(m, w.get(b + "mlp.2.weight"), w.get(b + "mlp.2.bias")));
    }

    @Override
    public void close() {
        params.close();
    }
}
