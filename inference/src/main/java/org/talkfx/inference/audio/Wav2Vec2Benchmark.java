package org.talkfx.inference.audio;

import ai.djl.ndarray.NDManager;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.Weights;

/** wav2vec2 (the real chinese-wav2vec2-base shapes, random weights) on a few seconds of audio, with its FLOPs. */
public final class Wav2Vec2Benchmark implements Benchmark {
    @Override
    public String name() {
        return "inference.wav2vec2";
    }

    @Override
    public String description() {
        return "wav2vec2 base (7 convs of 512, 12 x 768) on 5 s of 16 kHz audio -> 125 frames, fp32";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Wav2Vec2Config config = Wav2Vec2Config.base();
        double seconds = ctx.quick() ? 2 : 5;
        float[] audio = new float[(int) (seconds * 16000)];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * i / 16000.0) * Math.sin(2 * Math.PI * 3 * i / 16000.0));
        }
        int frames = (int) (seconds * 25);
        try (NDManager m = Engines.pytorch().newBaseManager();
             Wav2Vec2 model = Wav2Vec2.load(m, Weights.inMemory(Wav2Vec2.randomWeights(config, 1), "random-base"), config)) {
            long cpu0 = processCpuNanos();
            int[] calls = {0};
            double t = BenchContext.medianSeconds(1, ctx.iterations(5), () -> {
                try (NDManager s = m.newSubManager()) {
                    model.embed(s, audio, frames);
                    calls[0]++;
                }
            });
            double flops = flops(config, audio.length, frames);
            ctx.report("wav2vec2.base." + (int) seconds + "s", t, "s", String.format("%.2f GFLOP", flops / 1e9));
            ctx.report("wav2vec2.base.throughput", flops / t / 1e9, "GFLOP/s", "");
            double cpu = (processCpuNanos() - cpu0) / 1e9 / calls[0];
            ctx.report("wav2vec2.base.cpu_seconds", cpu, "s", "process CPU per call; the wall time above also counts waiting for a busy CPU");
            ctx.report("wav2vec2.base.realtime_factor", seconds / t, "x", "seconds of audio per second");
        }
    }

    /** Multiply-adds x 2 of convs, projection, positional conv, attention projections, scores and FFN. */
    public static double flops(Wav2Vec2Config c, int samples, int frames) {
        double total = 0;
        long len = samples;
        long in = 1;
        for (int i = 0; i < c.convDims().length; i++) {
            len = (len - c.convKernels()[i]) / c.convStrides()[i] + 1;
            total += 2.0 * len * c.convDims()[i] * in * c.convKernels()[i];
            in = c.convDims()[i];
        }
        double h = c.hidden();
        total += 2.0 * frames * in * h;
        total += 2.0 * frames * h * (h / c.posConvGroups()) * c.posConvKernel();
        double perLayer = 2.0 * 4 * frames * h * h + 2.0 * 2 * frames * (double) frames * h + 2.0 * 2 * frames * h * c.ffn();
        return total + c.layers() * perLayer;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
