package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.RandomDeviceWeights;

/**
 * The 14B DiT at a real 480p window (832x480: 21 latent frames of 60x104, 32,760 tokens), random weights drawn on
 * the device, linears in fp16: one forward with 1 block and one with 3, so that the per-block time and the
 * non-block overhead separate; a 40-block forward is then overhead + 40 blocks.
 * Fused attention by cuDNN and by SDPA's own dispatch, the chunked fallback, 8-bit weights, and every block streamed
 * from host memory. Without a GPU it runs the same code at dim 512 / 1,560 tokens and says so.
 */
public final class DitRealScaleBenchmark implements Benchmark {
    @Override
    public String name() {
        return "dit.realscale";
    }

    @Override
    public String description() {
        return "14B DiT block and forward time at 480p on the GPU (fp16 linears; chunked vs fused SDPA attention)";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        RealScaleSetup setup = RealScaleSetup.of(ctx);
        boolean gpu = setup.gpu();
        DitConfig base = setup.config();
        int frames = setup.frames();
        int h = setup.height();
        int w = setup.width();
        for (String backend : new String[]{"sdpa", "cudnn", "chunked", "sdpa-int8", "sdpa-offload", "sdpa-int8-offload"}) {
            boolean offload = backend.endsWith("offload");
            boolean int8 = backend.contains("int8");
            if ((offload || backend.equals("cudnn")) && !gpu) {
                continue; // host to host streaming measures nothing; on CPU the cuDNN module runs SDPA
            }
            double[] t = new double[2];
            int[] layers = {1, 3};
            for (int i = 0; i < 2; i++) {
                DitPlacement placement = setup.placement().withInt8Weights(int8).withOffloadedBlocks(offload ? layers[i] : 0);
                t[i] = forwardSeconds(ctx, setup, base.withLayers(layers[i]), backend, placement);
            }
            double block = (t[1] - t[0]) / 2;
            double overhead = t[0] - block;
            double forward40 = overhead + 40 * block;
            DitFlops f = DitFlops.of(base.withLayers(40), frames, h, w, 1);
            DitFlops one = DitFlops.of(base.withLayers(1), frames, h, w, 1);
            double blockFlop = DitFlops.of(base.withLayers(2), frames, h, w, 1).total() - one.total();
            String where = setup.device() + ", " + setup.tokens() + " tokens, dim " + base.dim()
                    + (int8 ? ", int8 weights widened per use" : "")
                    + (offload ? ", every block streamed from pinned host memory (synchronous upload, no overlap)" : "");
            ctx.report(backend + ".block", block * 1e3, "ms", String.format("%s; %.0f TFLOP/s", where, blockFlop / block / 1e12));
            ctx.report(backend + ".overhead", overhead * 1e3, "ms", "embeddings, audio projection, head (outside blocks)");
            ctx.report(backend + ".forward40", forward40, "s", String.format("40 blocks + overhead; %.1f TFLOP per forward",
                    f.total() / 1e12));
        }
    }

    private static double forwardSeconds(BenchContext ctx, RealScaleSetup setup, DitConfig c, String backend,
                                         DitPlacement placement) throws Exception {
        AttentionBackend attention = switch (backend) {
            case "cudnn" -> setup.fusedAttention(TorchScriptAttention.Kernel.CUDNN);
            case "chunked" -> AttentionBackend.chunked(setup.gpu() ? 2L << 30 : 64L << 20);
            default -> setup.fusedAttention(TorchScriptAttention.Kernel.SDPA);
        };
        try (InfiniteTalkDit dit = new InfiniteTalkDit(new RandomDeviceWeights(DitRandomWeights.shapes(c)), c,
                attention, placement);
             NDManager m = Engines.pytorch().newBaseManager(setup.device().device())) {
            DitInput in = BenchInputs.random(m, c, setup.frames(), setup.height(), setup.width());
            return BenchContext.medianSeconds(1, ctx.quick() ? 1 : 3, () -> {
                NDArray out = dit.forward(m, in);
                out.get(0).flatten().get(0).toFloatArray(); // waits for the device
                out.close();
            });
        } finally {
            if (attention instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
