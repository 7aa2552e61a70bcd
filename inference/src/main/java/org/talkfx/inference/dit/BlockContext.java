package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * What every block of one forward shares: the token grid, the 3-D RoPE tables, the embedded text and CLIP context,
 * the audio tokens per latent frame, and the speaker masks when there is more than one speaker.
 *
 * @param text        [1, textLen, dim]
 * @param clip        [1, 257, dim]
 * @param audio       [frames, speakers x contextTokens, audioOutDim]
 * @param tokenMasks  [classes, rows x cols] or null
 * @param traceMaps   compute the reference-attention map even for one speaker (parity tests)
 * @param tokenBudget bytes of per-token temporaries a token-wise stage (FFN, RoPE) may hold at once
 * @param kernels     the fused elementwise chains
 * @param compute     dtype of what feeds the linears and attention (the residual stream stays fp32)
 * @param clock       marks the end of each stage (profiling)
 */
record BlockContext(int frames, int rows, int cols, Rope3d rope, NDArray text, NDArray clip, NDArray audio,
                    int speakers, NDArray tokenMasks, boolean traceMaps, AttentionBackend attention,
                    long tokenBudget, DitTrace trace, BlockKernels kernels, DataType compute, StageClock clock) {
    int tokens() {
        return frames * rows * cols;
    }

    int tokensPerFrame() {
        return rows * cols;
    }
}
