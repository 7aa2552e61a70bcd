package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.RandomDeviceWeights;

import java.util.Map;

/**
 * Where a block's time goes: one real-scale block (see {@link RealScaleSetup}) run with a {@link StageTimes} clock
 * that waits for the device at the end of each stage, averaged over a few forwards, for each fused attention
 * kernel. The stage names match the comparator's {@code record_function} ranges in
 * {@code inference/src/bench/python/wan_block_eager.py --profile}, so the two profiles line up stage by stage.
 */
public final class DitProfileBenchmark implements Benchmark {
    private static final java.util.Set<String> OUTSIDE_BLOCKS = java.util.Set.of("embeddings", "head");

    @Override
    public String name() {
        return "dit.profile";
    }

    @Override
    public String description() {
        return "per-stage time of one real-scale DiT block (waits for the device at each stage boundary)";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        RealScaleSetup setup = RealScaleSetup.of(ctx);
        DitConfig c = setup.config().withLayers(1);
        TorchScriptAttention.Kernel[] kernels = setup.gpu() ? TorchScriptAttention.Kernel.values()
                : new TorchScriptAttention.Kernel[]{TorchScriptAttention.Kernel.SDPA};
        int runs = ctx.quick() ? 1 : 3;
        for (TorchScriptAttention.Kernel kernel : kernels) {
            String prefix = kernel.name().toLowerCase(java.util.Locale.ROOT);
            try (TorchScriptAttention attention = setup.fusedAttention(kernel);
                 InfiniteTalkDit dit = new InfiniteTalkDit(new RandomDeviceWeights(DitRandomWeights.shapes(c)), c,
                         attention, setup.placement());
                 NDManager m = Engines.pytorch().newBaseManager(setup.device().device())) {
                DitInput in = BenchInputs.random(m, c, setup.frames(), setup.height(), setup.width());
                dit.forward(m, in).close(); // warm-up: kernels chosen, RoPE tables built
                StageTimes times = new StageTimes();
                for (int i = 0; i < runs; i++) {
                    try (NDManager run = m.newSubManager()) {
                        NDArray out = dit.forward(run, in, DitTrace.NONE, times);
                        out.get(0).flatten().get(0).toFloatArray();
                    }
                }
                double block = 0;
                for (Map.Entry<String, Double> stage : times.millis().entrySet()) {
                    double ms = stage.getValue() / runs;
                    if (!OUTSIDE_BLOCKS.contains(stage.getKey())) {
                        block += ms;
                    }
                    ctx.report(prefix + "." + stage.getKey(), ms, "ms",
                            setup.device() + ", " + setup.tokens() + " tokens, dim " + c.dim());
                }
                ctx.report(prefix + ".block", block, "ms",
                        "sum of the block's stages (the waits make it a little longer than an unprofiled block)");
            } catch (RuntimeException e) {
                // a kernel this GPU or libtorch lacks: say so and profile the others
                ctx.report(prefix + ".error", 0, "", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
    }
}
