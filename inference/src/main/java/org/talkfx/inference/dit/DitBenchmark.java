package org.talkfx.inference.dit;

import ai.djl.ndarray.NDManager;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.Weights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One DiT forward on random weights: the fixture-sized model and a mid-size one (dim 256, 4 layers, 2,048 tokens),
 * with the FLOP count of each; plus the FLOPs of the real 14B model on a 480p window (not run).
 */
public final class DitBenchmark implements Benchmark {
    @Override
    public String name() {
        return "dit.forward";
    }

    @Override
    public String description() {
        return "InfiniteTalk DiT forward (fp32; chunked or TorchScript SDPA attention) on random weights; GFLOP from DitFlops";
    }

    /** dim 256, 2 heads of 128 (the real head size), 4 layers, real text length. */
    static DitConfig midConfig() {
        return new DitConfig(36, 256, 1024, 256, 64, 16, 2, 4, 1, 2, 2, 512, 1e-6f, true, true, 64, 5, 4, 64, 64,
                64, 32, true, true);
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        measure(ctx, "tiny", DitConfig.tiny(), 5, 8, 8, ctx.iterations(10), AttentionBackend.defaultBackend());
        int frames = ctx.quick() ? 3 : 8; // 8 x 16 x 16 = 2,048 tokens
        int runs = ctx.quick() ? 1 : 3;
        measure(ctx, "mid", midConfig(), frames, 32, 32, runs, AttentionBackend.defaultBackend());
        try (TorchScriptAttention sdpa = new TorchScriptAttention()) {
            measure(ctx, "mid.sdpa", midConfig(), frames, 32, 32, runs, sdpa);
        }
        for (int[] res : new int[][]{{480, 832}, {720, 1280}}) {
            int h = res[0] / DitConfig.VAE_SPATIAL_STRIDE;
            int w = res[1] / DitConfig.VAE_SPATIAL_STRIDE;
            DitFlops f = DitFlops.of(DitConfig.wan14b(), 21, h, w, 1);
            long tokens = 21L * (h / 2) * (w / 2);
            ctx.report("14b." + res[0] + "p.tokens", tokens, "tokens", "21 latent frames x " + h / 2 + " x " + w / 2);
            ctx.report("14b." + res[0] + "p.flops", f.total() / 1e12, "TFLOP",
                    String.format("per forward, not run; attention %.0f%%; x40 steps x3 CFG = %.1f PFLOP per window",
                            100 * f.attention() / f.total(), f.total() * 120 / 1e15));
        }
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static void measure(BenchContext ctx, String label, DitConfig c, int frames, int h, int w, int runs,
                                AttentionBackend attention) throws Exception {
        Path dir = Files.createTempDirectory("talkfx-dit-bench");
        Path file = dir.resolve("dit.safetensors");
        try {
            SafetensorsWriter.write(file, DitRandomWeights.randomWeights(c, 1), Map.of());
            try (SafetensorsFile f = SafetensorsFile.open(file);
                 InfiniteTalkDit dit = new InfiniteTalkDit(Weights.of(f), c, attention);
                 NDManager m = Engines.pytorch().newBaseManager()) {
                DitInput in = BenchInputs.random(m, c, frames, h, w);
                double s = BenchContext.medianSeconds(1, runs, () -> dit.forward(m, in).close());
                long cpuBefore = processCpuNanos();
                dit.forward(m, in).close();
                double cpu = (processCpuNanos() - cpuBefore) / 1e9;
                double gflop = DitFlops.of(c, frames, h, w, 1).total() / 1e9;
                long tokens = (long) frames * (h / 2) * (w / 2);
                String note = "dim " + c.dim() + ", " + c.layers() + " layers, " + tokens + " tokens, "
                        + attention.name();
                ctx.report(label + ".seconds", s, "s", note);
                ctx.report(label + ".gflop", gflop, "GFLOP", note);
                ctx.report(label + ".gflops", gflop / s, "GFLOP/s", note);
                ctx.report(label + ".cpu_seconds", cpu, "s", "process CPU time of one forward (all threads): "
                        + "steadier than wall time on a shared machine");
                if (PeakMemory.supported()) {
                    long before = PeakMemory.reset();
                    dit.forward(m, in).close();
                    ctx.report(label + ".peak_rss_added", (PeakMemory.peak() - before) / (double) (1 << 20), "MiB",
                            "one forward, weights already loaded");
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
