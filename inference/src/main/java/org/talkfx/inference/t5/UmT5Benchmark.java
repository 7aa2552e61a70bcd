package org.talkfx.inference.t5;

import ai.djl.ndarray.NDManager;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.Weights;

/**
 * umT5 encoder time on a small config (the XXL model is 23 GB in fp32), with FLOPs, and the FLOPs of umt5-xxl on
 * a prompt of the same length for scale.
 */
public final class UmT5Benchmark implements Benchmark {
    private static final UmT5Config SMALL = new UmT5Config(4096, 512, 512, 1280, 8, 6, 32, false, 1e-6f);

    @Override
    public String name() {
        return "inference.umt5";
    }

    @Override
    public String description() {
        return "umT5 encoder, dim 512 x 6 layers (ffn 1280, 8 heads), 120-token prompt, fp32";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int tokens = 120;
        long[] ids = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            ids[i] = 2 + (i * 37L) % (SMALL.vocab() - 2);
        }
        ids[tokens - 1] = 1;
        try (NDManager m = Engines.pytorch().newBaseManager();
             UmT5Encoder enc = UmT5Encoder.load(m, Weights.inMemory(UmT5Encoder.randomWeights(SMALL, 1), "random-umt5"))) {
            long cpu0 = processCpuNanos();
            int[] calls = {0};
            double t = BenchContext.medianSeconds(1, ctx.iterations(10), () -> {
                try (NDManager s = m.newSubManager()) {
                    enc.encode(s, ids);
                    calls[0]++;
                }
            });
            double flops = flops(SMALL, tokens);
            ctx.report("umt5.small.120tok", t, "s", String.format("%.2f GFLOP", flops / 1e9));
            ctx.report("umt5.small.throughput", flops / t / 1e9, "GFLOP/s", "");
            double cpu = (processCpuNanos() - cpu0) / 1e9 / calls[0];
            ctx.report("umt5.small.cpu_seconds", cpu, "s", "process CPU per call; the wall time above also counts waiting for a busy CPU");
            ctx.report("umt5.xxl.120tok.flops", flops(UmT5Config.xxl(), tokens) / 1e9, "GFLOP",
                    "time ~ this / the throughput above; cached per prompt");
        }
    }

    /** Per layer: q, k, v, o projections, scores and weighted sum, gated FFN (three matrices). */
    public static double flops(UmT5Config c, int tokens) {
        double l = tokens;
        double perLayer = 2.0 * 4 * l * c.dim() * c.dimAttn() + 2.0 * 2 * l * l * c.dimAttn()
                + 2.0 * 3 * l * c.dim() * c.ffn();
        return c.layers() * perLayer;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
