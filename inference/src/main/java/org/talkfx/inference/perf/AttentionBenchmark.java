package org.talkfx.inference.perf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.nn.Ops;

/**
 * Self-attention at the 480p window shape (832x480: 21x30x52 = 32,760 tokens, 40 heads of 128) on the GPU, or a
 * small shape on CPU; the memory-bounded chunked matmul+softmax path that DJL ops allow, plus a plain matmul for
 * the engine's peak rate.
 */
public final class AttentionBenchmark implements Benchmark {
    @Override
    public String name() {
        return "perf.attention";
    }

    @Override
    public String description() {
        return "chunked self-attention and a square matmul on the best device (fp16 on GPU, fp32 on CPU)";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        ComputeDevice cd = ComputeDevice.best();
        boolean gpu = cd.isGpu();
        try (NDManager m = Engines.pytorch().newBaseManager(cd.device())) {
            int n = gpu ? 8192 : 512;
            NDArray a = m.randomNormal(new Shape(n, n)).toType(cd.dtype(), false);
            NDArray b = m.randomNormal(new Shape(n, n)).toType(cd.dtype(), false);
            double t = BenchContext.medianSeconds(2, ctx.iterations(10), () -> {
                try (NDManager s = m.newSubManager()) {
                    NDArray c = a.matMul(b);
                    c.attach(s);
                    sync(c);
                }
            });
            double flop = 2.0 * n * n * n;
            ctx.report("matmul " + n + "^3 " + cd, t * 1e3, "ms", String.format("%.1f TFLOP/s", flop / t / 1e12));

            long tokens = gpu ? 21L * 30 * 52 : 2048;
            int heads = gpu ? 40 : 4;
            int d = gpu ? 128 : 64;
            int chunk = gpu ? 4096 : 512;
            NDArray q = m.randomNormal(new Shape(1, tokens, heads, d)).toType(cd.dtype(), false);
            NDArray k = m.randomNormal(new Shape(1, tokens, heads, d)).toType(cd.dtype(), false);
            NDArray v = m.randomNormal(new Shape(1, tokens, heads, d)).toType(cd.dtype(), false);
            double ta = BenchContext.medianSeconds(1, ctx.iterations(5), () -> {
                try (NDManager s = m.newSubManager()) {
                    NDArray o = Ops.attention(q, k, v, chunk);
                    o.attach(s);
                    sync(o);
                }
            });
            double aflop = 4.0 * tokens * tokens * heads * d;
            ctx.report("attention chunked L=" + tokens + " H=" + heads + " " + cd, ta * 1e3, "ms",
                    String.format("%.1f TFLOP/s, query chunk %d", aflop / ta / 1e12, chunk));
        }
    }

    /** Forces completion of asynchronous GPU work by reading one element back. */
    static void sync(NDArray x) {
        x.get(0).flatten().get(0).toFloatArray();
    }
}
