package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;

import java.util.ArrayList;
import java.util.List;

/**
 * Self-attention at the real head size (128) on CPU: unchunked DJL ops (the whole score matrix), memory-bounded
 * chunks, and the TorchScript SDPA module; seconds and the peak resident memory each adds.
 */
public final class AttentionBenchmark implements Benchmark {
    @Override
    public String name() {
        return "dit.attention";
    }

    @Override
    public String description() {
        return "self-attention [1, L, 2 heads, 128]: unchunked vs chunked (32 MiB) vs TorchScript SDPA; time, peak RSS";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int[] lengths = ctx.quick() ? new int[]{2048} : new int[]{2048, 8192};
        try (TorchScriptAttention fused = new TorchScriptAttention();
             TorchScriptAttention fusedBf16 = new TorchScriptAttention(TorchScriptAttention.Precision.BF16)) {
            for (int len : lengths) {
                List<AttentionBackend> backends = new ArrayList<>();
                backends.add(AttentionBackend.unchunked());
                backends.add(AttentionBackend.chunked(32L << 20));
                backends.add(fused);
                backends.add(fusedBf16);
                for (AttentionBackend b : backends) {
                    measure(ctx, len, b);
                }
            }
        }
    }

    private static void measure(BenchContext ctx, int len, AttentionBackend backend) throws Exception {
        int heads = 2;
        int d = 128;
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            Shape s = new Shape(1, len, heads, d);
            NDArray q = m.randomNormal(s);
            NDArray k = m.randomNormal(s);
            NDArray v = m.randomNormal(s);
            String label = "L" + len + "." + backend.name();
            double seconds = BenchContext.medianSeconds(1, 3, () -> {
                try (NDManager step = m.newSubManager()) {
                    step.tempAttachAll(q, k, v);
                    backend.attend(q, k, v).toFloatArray();
                }
            });
            double gflop = 4.0 * len * (double) len * heads * d / 1e9;
            ctx.report(label + ".seconds", seconds, "s", String.format("%.1f GFLOP/s", gflop / seconds));
            if (PeakMemory.supported()) {
                long before = PeakMemory.reset();
                try (NDManager step = m.newSubManager()) {
                    step.tempAttachAll(q, k, v);
                    backend.attend(q, k, v).toFloatArray();
                }
                double mib = (PeakMemory.peak() - before) / (double) (1 << 20);
                ctx.report(label + ".peak_rss_added", mib, "MiB",
                        String.format("full score matrix would be %d MiB", 4L * len * len * heads >> 20));
            }
        }
    }
}
