package org.talkfx.inference.dit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.Weights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The InfiniteTalk DiT (official {@code WanModel} of {@code multitalk_model.py}) in float32 DJL ops: one call
 * predicts the flow-matching velocity of a latent window. Weights are read once into a model-owned manager;
 * each forward works in a scratch sub-manager of the caller's manager and hands back only the result.
 */
public final class InfiniteTalkDit implements AutoCloseable {
    private static final float MLP_NORM_EPS = 1e-5f; // img_emb uses nn.LayerNorm defaults

    private final DitConfig config;
    private final AttentionBackend attention;
    private final DitPlacement placement;
    private final Map<List<Integer>, Rope3d> ropes = new HashMap<>();
    private final int firstOffloaded;
    private final NDManager host;
    private final NDManager weights;
    private final BlockKernels kernels;
    private final Linear patchEmbedding;
    private final Linear text0;
    private final Linear text2;
    private final Linear time0;
    private final Linear time2;
    private final Linear timeProjection;
    private final NDArray imgNorm0W;
    private final NDArray imgNorm0B;
    private final Linear img1;
    private final Linear img3;
    private final NDArray imgNorm4W;
    private final NDArray imgNorm4B;
    private final AudioProjection audioProj;
    private final List<DitBlock> blocks = new ArrayList<>();
    private final NDArray headModulation;
    private final Linear head;

    /** Loads with the detected configuration and the default (chunked) attention. */
    public static InfiniteTalkDit load(Weights w) {
        return new InfiniteTalkDit(w, DitConfig.detect(w), AttentionBackend.defaultBackend());
    }

    /** Weights on the engine's default device (the GPU when there is one), computing in float32. */
    public InfiniteTalkDit(Weights w, DitConfig config, AttentionBackend attention) {
        this(w, config, attention, DitPlacement.on(Engines.pytorch().defaultDevice(), DataType.FLOAT32));
    }

    /** Weights placed and stored as {@code placement} says; forward's manager and inputs live on its device. */
    public InfiniteTalkDit(Weights w, DitConfig config, AttentionBackend attention, DitPlacement placement) {
        int offloadedBlocks = placement.offloadedBlocks();
        if (offloadedBlocks > config.layers()) {
            throw new IllegalArgumentException("cannot offload " + offloadedBlocks + " of " + config.layers() + " blocks");
        }
        Device device = placement.device();
        DataType linears = placement.compute();
        this.placement = placement;
        this.firstOffloaded = config.layers() - offloadedBlocks;
        this.config = config;
        this.attention = attention;
        this.kernels = new BlockKernels(config.eps(), linears, ropePrecision()); // first: nothing to free if it fails
        this.host = offloadedBlocks > 0 ? Engines.pytorch().newBaseManager(Device.cpu()) : null;
        this.weights = Engines.pytorch().newBaseManager(device);
        DitBlock.LinearLoader loader = placement.int8Weights()
                ? (lm, lw, prefix) -> Linear.loadInt8(lm, lw, prefix, kernels)
                : (lm, lw, prefix) -> Linear.load(lm, lw, prefix, linears);
        try {
            NDManager m = weights;
            patchEmbedding = new Linear(w.get(m, "patch_embedding.weight").reshape(config.dim(), -1),
                    w.get(m, "patch_embedding.bias"));
            text0 = Linear.load(m, w, "text_embedding.0");
            text2 = Linear.load(m, w, "text_embedding.2");
            time0 = Linear.load(m, w, "time_embedding.0");
            time2 = Linear.load(m, w, "time_embedding.2");
            timeProjection = Linear.load(m, w, "time_projection.1");
            imgNorm0W = w.get(m, "img_emb.proj.0.weight");
            imgNorm0B = w.get(m, "img_emb.proj.0.bias");
            img1 = Linear.load(m, w, "img_emb.proj.1");
            img3 = Linear.load(m, w, "img_emb.proj.3");
            imgNorm4W = w.get(m, "img_emb.proj.4.weight");
            imgNorm4B = w.get(m, "img_emb.proj.4.bias");
            audioProj = new AudioProjection(m, w.prefixed("audio_proj."), config);
            for (int i = 0; i < config.layers(); i++) {
                NDManager owner = i >= firstOffloaded ? host : m;
                DitBlock block = new DitBlock(owner, w.prefixed("blocks." + i + "."), config, i, loader);
                // streamed to a GPU each forward: from pinned memory that upload runs at the bus's speed
                blocks.add(owner == host && device.isGpu() ? block.pinned(kernels) : block);
            }
            headModulation = w.get(m, "head.modulation").reshape(2, config.dim());
            head = Linear.load(m, w, "head.head");
        } catch (RuntimeException e) {
            weights.close();
            kernels.close();
            if (host != null) {
                host.close();
            }
            throw e;
        }
    }

    /**
     * RoPE tables for a latent grid, kept with the weights: every step of every window of a shot has the same grid,
     * and building the tables costs more than a small block.
     */
    private synchronized Rope3d rope(int frames, int rows, int cols) {
        return ropes.computeIfAbsent(List.of(frames, rows, cols), g -> new Rope3d(weights, config.headDim(), frames,
                rows, cols, ropePrecision()));
    }

    /** float64 as the official rope_apply where the linears are fp32 (CPU, parity); float32 beside fp16 linears. */
    private DataType ropePrecision() {
        return placement.compute() != DataType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    public DitConfig config() {
        return config;
    }

    public AttentionBackend attention() {
        return attention;
    }

    /** Bytes of the weights it holds, on the device and in host memory (streamed blocks). */
    long heldBytes() {
        long bytes = 0;
        for (NDManager m : host == null ? List.of(weights) : List.of(weights, host)) {
            for (NDArray a : m.getManagedArrays()) {
                bytes += a.size() * a.getDataType().getNumOfBytes();
            }
        }
        return bytes;
    }

    /** Arrays the model itself holds (its weights): constant across forwards. */
    int heldArrays() {
        return weights.getManagedArrays().size();
    }

    /** Velocity [16, T, h, w] owned by {@code m}. */
    public NDArray forward(NDManager m, DitInput in) {
        return forward(m, in, DitTrace.NONE);
    }

    public NDArray forward(NDManager m, DitInput in, DitTrace trace) {
        return forward(m, in, trace, StageClock.NONE);
    }

    /** A forward whose stages are timed by {@code clock} (the profile benchmark). */
    NDArray forward(NDManager m, DitInput in, DitTrace trace, StageClock clock) {
        try (NDManager fm = m.newSubManager()) {
            fm.tempAttachAll(in.x(), in.context(), in.clipFea(), in.y());
            if (in.audio() != null) {
                fm.tempAttachAll(in.audio());
            }
            if (in.refTargetMasks() != null) {
                fm.tempAttachAll(in.refTargetMasks());
            }
            NDArray out = run(fm, in, trace, clock);
            out.attach(m);
            return out;
        }
    }

    private NDArray run(NDManager fm, DitInput in, DitTrace trace, StageClock clock) {
        clock.start();
        boolean tracing = trace != DitTrace.NONE;
        Shape xs = in.x().getShape();
        Shape ys = in.y().getShape();
        if (xs.dimension() != 4 || ys.dimension() != 5 || ys.get(0) != 1 || xs.get(0) + ys.get(1) != config.inDim()
                || xs.get(1) != ys.get(2) || xs.get(2) != ys.get(3) || xs.get(3) != ys.get(4)) {
            throw new IllegalArgumentException("x " + xs + " and y " + ys + " must be [C, T, h, w] and [1, C', T, h, w]"
                    + " with C + C' = " + config.inDim());
        }
        int frames = (int) (xs.get(1) / config.patchT());
        int rows = (int) (xs.get(2) / config.patchH());
        int cols = (int) (xs.get(3) / config.patchW());
        if (frames * config.patchT() != xs.get(1) || rows * config.patchH() != xs.get(2)
                || cols * config.patchW() != xs.get(3)) {
            throw new IllegalArgumentException("latent " + xs + " does not divide into patches");
        }
        long tokens = (long) frames * rows * cols;

        NDArray video = in.x().concat(in.y().get(0), 0);
        NDArray x = patchEmbedding.apply(patchify(video, frames, rows, cols)).reshape(1, tokens, config.dim());
        if (tracing) {
            trace.capture("patch_embedding", x.get(0).transpose().reshape(1, config.dim(), frames, rows, cols));
        }

        NDArray e = time2.apply(Ops.silu(time0.apply(fm.create(sinusoid(in.t()), new Shape(1, config.freqDim())))));
        NDArray e0 = timeProjection.apply(Ops.silu(e));
        trace.capture("time_embedding", e);
        trace.capture("time_projection", e0);

        NDArray text = text2.apply(Ops.geluTanh(text0.apply(paddedText(fm, in.context())))).expandDims(0);
        NDArray clip = imageContext(in.clipFea());
        trace.capture("text_context", text);
        trace.capture("clip_context", clip);

        NDArray tokensPerSpeaker = in.audio() == null ? audioProj.nullTokens(fm, frames)
                : audioProj.tokens(in.audio(), frames);
        trace.capture("audio_tokens", tokensPerSpeaker);
        int speakers = (int) tokensPerSpeaker.getShape().get(0);
        NDArray audio = tokensPerSpeaker.transpose(1, 0, 2, 3)
                .reshape(frames, (long) speakers * config.contextTokens(), config.audioOutDim());

        NDArray masks = null;
        if (in.refTargetMasks() != null && (speakers > 1 || tracing) && in.audio() != null) {
            masks = SpeakerRouting.tokenMasks(fm, in.refTargetMasks(), rows, cols);
            trace.capture("token_ref_target_masks", masks);
        } else if (speakers > 1) {
            throw new IllegalArgumentException(speakers + " speakers need ref_target_masks [" + (speakers + 1) + ", h, w]");
        }

        Rope3d rope = rope(frames, rows, cols);
        clock.lap("embeddings", audio);
        BlockContext ctx = new BlockContext(frames, rows, cols, rope, text, clip, audio, speakers, masks, tracing,
                attention, placement.tokenBudget(), trace, kernels, placement.compute(), clock);
        NDArray mod = e0.reshape(6, config.dim());
        for (int i = 0; i < blocks.size(); i++) {
            // one scratch manager per block: the previous hidden state and the block's temporaries are freed here
            try (NDManager bm = fm.newSubManager()) {
                bm.tempAttachAll(mod, text, clip, audio);
                if (masks != null) {
                    bm.tempAttachAll(masks);
                }
                x.attach(bm);
                DitBlock block = i >= firstOffloaded ? blocks.get(i).copyTo(bm) : blocks.get(i);
                x = block.forward(x, mod, ctx);
                x.attach(fm);
            }
            trace.capture("block" + i + "_out", x);
        }

        NDArray hm = e.add(headModulation); // [2, dim]: shift, scale
        NDArray h = Ops.layerNorm(x, null, null, config.eps()).mul(hm.get(1).add(1f)).add(hm.get(0));
        NDArray headOut = head.apply(h);
        trace.capture("head_out", headOut);
        clock.lap("head", headOut);
        return unpatchify(headOut.get(0), frames, rows, cols);
    }

    /** [C, T, h, w] -> [L, C * pt * ph * pw] in (frame, row, column) token order, matching the Conv3d weight. */
    private NDArray patchify(NDArray video, int frames, int rows, int cols) {
        long channels = video.getShape().get(0);
        return video.reshape(channels, frames, config.patchT(), rows, config.patchH(), cols, config.patchW())
                .transpose(1, 3, 5, 0, 2, 4, 6)
                .reshape((long) frames * rows * cols, channels * config.patchVolume());
    }

    /** [L, pt * ph * pw * C] -> [C, T, h, w] (official einsum fhwpqrc -> cfphqwr). */
    private NDArray unpatchify(NDArray x, int frames, int rows, int cols) {
        int c = config.outDim();
        return x.reshape(frames, rows, cols, config.patchT(), config.patchH(), config.patchW(), c)
                .transpose(6, 0, 3, 1, 4, 2, 5)
                .reshape(c, (long) frames * config.patchT(), (long) rows * config.patchH(),
                        (long) cols * config.patchW());
    }

    /** [cos(t w_k), sin(t w_k)] with w_k = 10000^(-k/half), in float64 then rounded, as the official code does. */
    private float[] sinusoid(double t) {
        int half = config.freqDim() / 2;
        float[] out = new float[config.freqDim()];
        for (int k = 0; k < half; k++) {
            double angle = t * Math.pow(10000.0, -(double) k / half);
            out[k] = (float) Math.cos(angle);
            out[half + k] = (float) Math.sin(angle);
        }
        return out;
    }

    /** Zero-pads the T5 features to textLen; the official model attends to all of them unmasked. */
    private NDArray paddedText(NDManager fm, NDArray context) {
        Shape s = context.getShape();
        if (s.dimension() != 2 || s.get(1) != config.textDim() || s.get(0) > config.textLen()) {
            throw new IllegalArgumentException("context " + s + " must be [L <= " + config.textLen() + ", "
                    + config.textDim() + "]");
        }
        if (s.get(0) == config.textLen()) {
            return context;
        }
        return context.concat(fm.zeros(new Shape(config.textLen() - s.get(0), config.textDim())), 0);
    }

    private NDArray imageContext(NDArray clipFea) {
        Shape s = clipFea.getShape();
        if (s.dimension() != 3 || s.get(0) != 1 || s.get(1) != DitConfig.CLIP_TOKENS || s.get(2) != config.clipDim()) {
            throw new IllegalArgumentException("clip features " + s + " must be [1, 257, " + config.clipDim() + "]");
        }
        NDArray h = Ops.layerNorm(clipFea, imgNorm0W, imgNorm0B, MLP_NORM_EPS);
        h = img3.apply(Ops.gelu(img1.apply(h)));
        return Ops.layerNorm(h, imgNorm4W, imgNorm4B, MLP_NORM_EPS);
    }

    @Override
    public void close() {
        weights.close();
        kernels.close();
        if (host != null) {
            host.close();
        }
    }
}
