package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.perf.ComputeDevice;
import org.talkfx.inference.weights.RandomDeviceWeights;

/**
 * The real Wan 2.1 VAE (dim 96) at a 480p window on the GPU, random weights drawn on the device, fp32: what one
 * window costs outside the DiT (encode the 81-frame conditioning, encode 9 context frames, decode 21 latents).
 * Without a GPU it runs the tiny config at 64x64 and says so.
 */
public final class VaeRealScaleBenchmark implements Benchmark {
    @Override
    public String name() {
        return "vae.realscale";
    }

    @Override
    public String description() {
        return "Wan VAE per-window work at 832x480 on the GPU (fp32): encode 81 and 9 frames, decode 21 latents";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        ComputeDevice cd = ComputeDevice.best();
        boolean gpu = cd.isGpu();
        WanVaeConfig config = gpu ? WanVaeConfig.wan21() : WanVaeConfig.tiny();
        int h = gpu ? 480 : 64;
        int w = gpu ? 832 : 64;
        if (!gpu) {
            ctx.report("note.no_gpu", 0, "", "no GPU: tiny VAE at 64x64 on CPU (the real shape needs a GPU)");
        }
        try (NDManager m = Engines.pytorch().newBaseManager(cd.device())) {
            WanVae vae = WanVae.load(m, new RandomDeviceWeights(WanVae.parameterShapes(config)));
            for (int frames : new int[]{81, 9}) {
                NDArray video = m.randomUniform(-1f, 1f, new Shape(3, frames, h, w));
                double t = BenchContext.medianSeconds(1, ctx.quick() ? 1 : 2, () -> {
                    try (NDManager s = m.newSubManager()) {
                        NDArray z = vae.encode(s, video);
                        z.get(0).flatten().get(0).toFloatArray();
                    }
                });
                ctx.report("encode." + frames + "frames", t, "s", cd.device() + "/float32, " + w + "x" + h);
            }
            NDArray latents = m.randomNormal(new Shape(16, 21, h / 8, w / 8));
            double t = BenchContext.medianSeconds(1, ctx.quick() ? 1 : 2, () -> {
                try (NDManager s = m.newSubManager()) {
                    NDArray v = vae.decode(s, latents);
                    v.get(0).flatten().get(0).toFloatArray();
                }
            });
            ctx.report("decode.21latents", t, "s", cd.device() + "/float32, " + w + "x" + h + " (81 frames)");
        }
    }
}
