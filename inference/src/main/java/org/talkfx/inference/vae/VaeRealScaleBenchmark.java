package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
        return "Wan VAE per-window work at 832x480 on the GPU (fp32 and fp16): encode 81 and 9 frames, decode 21 latents";
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
        DataType[] precisions = gpu ? new DataType[]{DataType.FLOAT32, DataType.FLOAT16} : new DataType[]{DataType.FLOAT32};
        try (NDManager m = Engines.pytorch().newBaseManager(cd.device())) {
            RandomDeviceWeights weights = new RandomDeviceWeights(WanVae.parameterShapes(config));
            NDArray latents = m.randomNormal(new Shape(16, 21, h / 8, w / 8));
            NDArray[] decoded = new NDArray[precisions.length];
            for (int p = 0; p < precisions.length; p++) {
                DataType dtype = precisions[p];
                String tag = dtype.name().toLowerCase(java.util.Locale.ROOT);
                String where = cd.device() + "/" + tag + ", " + w + "x" + h;
                // the same random draw for both precisions, so that their outputs can be compared
                Engines.pytorch().setRandomSeed(1);
                try (WanVae vae = WanVae.load(m, weights, dtype)) {
                    for (int frames : new int[]{81, 9}) {
                        NDArray video = m.randomUniform(-1f, 1f, new Shape(3, frames, h, w));
                        double t = BenchContext.medianSeconds(1, ctx.quick() ? 1 : 2, () -> {
                            try (NDManager s = m.newSubManager()) {
                                NDArray z = vae.encode(s, video);
                                z.get(0).flatten().get(0).toFloatArray();
                            }
                        });
                        ctx.report(tag + ".encode." + frames + "frames", t, "s", where);
                        video.close();
                    }
                    NDArray[] last = new NDArray[1];
                    double t = BenchContext.medianSeconds(1, ctx.quick() ? 1 : 2, () -> {
                        if (last[0] != null) {
                            last[0].close();
                        }
                        last[0] = vae.decode(m, latents);
                        last[0].get(0).flatten().get(0).toFloatArray();
                    });
                    decoded[p] = last[0];
                    ctx.report(tag + ".decode.21latents", t, "s", where + " (81 frames)");
                }
            }
            if (decoded.length == 2) {
                NDArray diff = decoded[1].sub(decoded[0]).abs();
                ctx.report("float16.decode.max_abs_diff", diff.max().getFloat(), "",
                        "fp16 against fp32 frames in [-1, 1], same random weights (mean "
                                + String.format(java.util.Locale.ROOT, "%.2e", diff.mean().getFloat()) + ")");
            }
        }
    }
}
