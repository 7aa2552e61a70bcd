package org.talkfx.inference.dit;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Where the DiT's weights live and in which precision its blocks compute.
 *
 * @param device          where the weights and the forward live
 * @param compute         dtype of the blocks' linears and attention: FLOAT16 on a GPU (DJL 0.36 cannot hold bf16),
 *                        FLOAT32 on CPU; norms, modulation, RoPE and the residual stream stay fp32 either way
 * @param int8Weights     keep the blocks' linear weights in 8 bits (int8, one scale per output row) and widen each to
 *                        the compute type when it is used: half the memory of fp16 (docs/decision-8-bit-weights.md
 *                        says why int8 and not e4m3)
 * @param offloadedBlocks the last N blocks kept in (pinned) host memory and streamed to the device per forward, for
 *                        cards too small for the whole model (perf.MemoryPlan says how many)
 * @param tokenBudget     bytes of per-token temporaries a token-wise stage (FFN, RoPE) may hold at once
 */
public record DitPlacement(Device device, DataType compute, boolean int8Weights, int offloadedBlocks,
                           long tokenBudget) {
    /** 256 MiB of per-token temporaries (FFN activations, float64 RoPE) at a time: ~600 tokens of the 14B FFN. */
    static final long CPU_TOKEN_BUDGET = 256L << 20;
    /** On a GPU small token chunks starve the matmuls; 8 GiB keeps a 480p window's FFN in a few chunks. */
    static final long GPU_TOKEN_BUDGET = 8L << 30;

    public DitPlacement {
        if (compute != DataType.FLOAT32 && compute != DataType.FLOAT16) {
            throw new IllegalArgumentException("the DiT computes in float32 or float16, not " + compute);
        }
        if (offloadedBlocks < 0) {
            throw new IllegalArgumentException("cannot offload " + offloadedBlocks + " blocks");
        }
        if (tokenBudget <= 0) {
            throw new IllegalArgumentException("token budget must be positive: " + tokenBudget);
        }
    }

    /** Everything resident on {@code device}, in {@code compute}, with the device's usual token budget. */
    public static DitPlacement on(Device device, DataType compute) {
        return new DitPlacement(device, compute, false, 0, device.isGpu() ? GPU_TOKEN_BUDGET : CPU_TOKEN_BUDGET);
    }

    public DitPlacement withInt8Weights(boolean int8) {
        return new DitPlacement(device, compute, int8, offloadedBlocks, tokenBudget);
    }

    public DitPlacement withOffloadedBlocks(int blocks) {
        return new DitPlacement(device, compute, int8Weights, blocks, tokenBudget);
    }

    DitPlacement withTokenBudget(long bytes) {
        return new DitPlacement(device, compute, int8Weights, offloadedBlocks, bytes);
    }

    @Override
    public String toString() {
        return device + "/" + compute.name().toLowerCase(java.util.Locale.ROOT)
                + (int8Weights ? ", int8 weights" : "") + (offloadedBlocks > 0 ? ", " + offloadedBlocks + " blocks streamed" : "");
    }
}
