package org.talkfx.inference.perf;

import org.talkfx.inference.dit.DitConfig;
import org.talkfx.inference.dit.DitRandomWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * How a window's work fits a card: bytes of the weights each network needs resident, the DiT's peak activations,
 * the VAE's peak, and how many DiT blocks must be streamed from host memory (block offloading) when the card is too
 * small. Figures follow from the configs and our implementation's layouts (fp32 residual stream, fp16 or 8-bit
 * linears, fused attention, FFN in token chunks), not from measurement; the GPU runs in docs/performance.md check them.
 */
public record MemoryPlan(String resolution, long tokens, long ditWeightBytes, long blockWeightBytes,
                         long encoderWeightBytes, long ditActivationBytes, long vaePeakBytes) {
    /**
     * CLIP ViT-H (632M params) and wav2vec2-base (95M) held in fp32 (each runs once a shot or window), the Wan VAE
     * (127M) in fp16; umT5 runs on the CPU once per prompt and is cached on disk.
     */
    static final long ENCODER_BYTES = (632_000_000L + 95_000_000L) * 4 + 127_000_000L * 2;
    static final long CUDA_CONTEXT = 1L << 30;

    public static MemoryPlan of(String label, int height, int width, int weightBytesPerParam) {
        DitConfig c = DitConfig.wan14b();
        long h = height / DitConfig.VAE_SPATIAL_STRIDE;
        long w = width / DitConfig.VAE_SPATIAL_STRIDE;
        long tokens = 21L * (h / c.patchH()) * (w / c.patchW());
        long blockParams = 0;
        long allParams = 0;
        for (var e : DitRandomWeights.shapes(c).entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            allParams += n;
            if (e.getKey().startsWith("blocks.0.")) {
                blockParams += n;
            }
        }
        long d = c.dim();
        // residual stream (fp32) + its normalised copy + q, k, v, attention out (fp16) + one FFN token chunk
        // (8 GiB budget) + RoPE tables; the fused attention kernel keeps no score matrix
        long activations = tokens * d * 4 * 2 + tokens * d * 2 * 4 + (8L << 30) / 2 + tokens * (d / 40 / 2) * 4 * 2;
        // VAE decode peak: a few [96..384 ch] feature maps of 4 frames at full resolution, fp16, plus the cache
        long vaePeak = 4L * 96 * 4 * height * width * 2 + 2L * 384 * 2 * (height / 8) * (width / 8) * 2;
        return new MemoryPlan(label, tokens, allParams * weightBytesPerParam, blockParams * weightBytesPerParam,
                ENCODER_BYTES, activations, vaePeak);
    }

    /** Bytes needed with every block resident. */
    public long peakResident() {
        return ditWeightBytes + encoderWeightBytes + Math.max(ditActivationBytes, vaePeakBytes) + CUDA_CONTEXT;
    }

    /** How many of the 40 blocks must live in host memory and be streamed per forward on a card of {@code cardBytes}. */
    public int blocksToOffload(long cardBytes) {
        long spare = cardBytes - peakResident();
        if (spare >= 0) {
            return 0;
        }
        // a streamed block needs a staging slot on the card; keep two so the next upload overlaps this compute
        long needed = -spare + 2 * blockWeightBytes;
        int blocks = (int) Math.ceil((double) needed / blockWeightBytes);
        return Math.min(blocks, 40);
    }

    public boolean fits(long cardBytes) {
        return blocksToOffload(cardBytes) < 40
                || ditWeightBytes - 38 * blockWeightBytes + encoderWeightBytes
                + Math.max(ditActivationBytes, vaePeakBytes) + CUDA_CONTEXT <= cardBytes;
    }

    public static List<MemoryPlan> standard(int weightBytesPerParam) {
        List<MemoryPlan> plans = new ArrayList<>();
        plans.add(of("480p 832x480", 480, 832, weightBytesPerParam));
        plans.add(of("480p 640x640", 640, 640, weightBytesPerParam));
        plans.add(of("720p 1280x720", 720, 1280, weightBytesPerParam));
        return plans;
    }
}
