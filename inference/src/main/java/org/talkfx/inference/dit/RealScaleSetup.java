package org.talkfx.inference.dit;

import ai.djl.ndarray.types.DataType;
import org.talkfx.bench.BenchContext;
import org.talkfx.inference.perf.ComputeDevice;

/**
 * The shape the real-scale DiT benchmarks run at: the 14B model at a 480p window (832x480: 21 latent frames of
 * 60x104, 32,760 tokens) with fp16 linears on a GPU; without one, the same code at dim 512 on 3x10x13 tokens.
 */
record RealScaleSetup(ComputeDevice device, DitConfig config, int frames, int height, int width, DataType linears) {
    static RealScaleSetup of(BenchContext ctx) {
        ComputeDevice cd = ComputeDevice.best();
        if (cd.isGpu()) {
            return new RealScaleSetup(cd, DitConfig.wan14b(), 21, 60, 104, DataType.FLOAT16);
        }
        ctx.report("note.no_gpu", 0, "", "no GPU: dim 512 at 3x10x13 tokens on CPU (the real shape needs a GPU)");
        DitConfig small = new DitConfig(36, 512, 1024, 256, 4096, 16, 4, 1, 1, 2, 2, 512, 1e-6f,
                true, true, 1280, 5, 4, 12 * 768, 512, 768, 32, true, true);
        return new RealScaleSetup(cd, small, 3, 20, 26, DataType.FLOAT32);
    }

    boolean gpu() {
        return device.isGpu();
    }

    long tokens() {
        return (long) frames * (height / 2) * (width / 2);
    }

    DitPlacement placement() {
        return DitPlacement.on(device.device(), linears);
    }

    /** Fused attention in the linears' precision. */
    TorchScriptAttention fusedAttention(TorchScriptAttention.Kernel kernel) {
        return new TorchScriptAttention(gpu() ? TorchScriptAttention.Precision.FLOAT16
                : TorchScriptAttention.Precision.FLOAT32, kernel);
    }
}
