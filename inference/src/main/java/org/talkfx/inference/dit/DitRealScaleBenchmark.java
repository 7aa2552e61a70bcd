package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.perf.ComputeDevice;
import org.talkfx.inference.weights.RandomDeviceWeights;

/**
 * The 14B DiT at a real 480p window (832x480: 21 latent frames of 60x104, 32,760 tokens), random weights drawn on
 * the device, linears in fp16: one forward with 1 block and one with 3, so that the per-block time and the
 * non-block overhead separate; a 40-block forward is then overhead + 40 blocks. Both attention backends.
 * Without a GPU it runs the same code at dim 512 / 1,560 tokens and says so.
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
        ComputeDevice cd = ComputeDevice.best();
        boolean gpu = cd.isGpu();
        // without a GPU: the same code at dim 512, one block, 390 tokens
        DitConfig base = gpu ? DitConfig.wan14b() : new DitConfig(36, 512, 1024, 256, 4096, 16, 4, 1, 1, 2, 2, 512, 1e-6f,
                true, true, 1280, 5, 4, 12 * 768, 512, 768, 32, true, true);
        int frames = gpu ? 21 : 3;
        int h = gpu ? 60 : 20;
        int w = gpu ? 104 : 26;
        if (!gpu) {
            ctx.report("note.no_gpu", 0, "", "no GPU: dim 512 at 3x10x13 tokens on CPU (the real shape needs a GPU)");
        }
        DataType linears = gpu ? DataType.FLOAT16 : DataType.FLOAT32;
        long tokens = (long) frames * (h / 2) * (w / 2);
        for (String backend : new String[]{"sdpa", "chunked", "sdpa-offload"}) {
            boolean offload = backend.endsWith("offload");
            if (offload && !gpu) {
                continue; // streaming from host memory to host memory measures nothing
            }
            double[] t = new double[2];
            int[] layers = {1, 3};
            for (int i = 0; i < 2; i++) {
                t[i] = forwardSeconds(ctx, cd, base.withLayers(layers[i]), backend, linears, offload ? layers[i] : 0,
                        frames, h, w);
            }
            double block = (t[1] - t[0]) / 2;
            double overhead = t[0] - block;
            double forward40 = overhead + 40 * block;
            DitFlops f = DitFlops.of(base.withLayers(40), frames, h, w, 1);
            DitFlops one = DitFlops.of(base.withLayers(1), frames, h, w, 1);
            double blockFlop = DitFlops.of(base.withLayers(2), frames, h, w, 1).total() - one.total();
            String where = cd + ", " + tokens + " tokens, dim " + base.dim()
                    + (offload ? ", every block streamed from host memory (synchronous upload, no overlap)" : "");
            ctx.report(backend + ".block", block * 1e3, "ms", String.format("%s; %.0f TFLOP/s", where, blockFlop / block / 1e12));
            ctx.report(backend + ".overhead", overhead * 1e3, "ms", "embeddings, audio projection, head (outside blocks)");
            ctx.report(backend + ".forward40", forward40, "s", String.format("40 blocks + overhead; %.1f TFLOP per forward",
                    f.total() / 1e12));
        }
    }

    private static double forwardSeconds(BenchContext ctx, ComputeDevice cd, DitConfig c, String backend,
                                         DataType linears, int offloaded, int frames, int h, int w) throws Exception {
        boolean gpu = cd.isGpu();
        AttentionBackend attention = backend.startsWith("sdpa")
                ? new TorchScriptAttention(gpu ? TorchScriptAttention.Precision.FLOAT16 : TorchScriptAttention.Precision.FLOAT32)
                : AttentionBackend.chunked(gpu ? 2L << 30 : 64L << 20);
        try (InfiniteTalkDit dit = new InfiniteTalkDit(new RandomDeviceWeights(DitRandomWeights.shapes(c)), c,
                attention, cd.device(), linears, offloaded);
             NDManager m = Engines.pytorch().newBaseManager(cd.device())) {
            DitInput in = BenchInputs.random(m, c, frames, h, w);
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
