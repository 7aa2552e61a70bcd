package org.talkfx.inference.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.common.RuntimeSetup;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.Weights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** CLIP visual tower time on random weights (tiny fixture config and a mid config) with FLOPs. */
public final class ClipVisionBenchmark implements Benchmark {
    @Override
    public String name() {
        return "inference.clip";
    }

    @Override
    public String description() {
        return "CLIP ViT visual encode of one 480x832 frame (random weights): tiny width 32, mid width 256 x 8 layers";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        RuntimeSetup.apply();
        measure(context, "tiny", ClipVisionConfig.tiny());
        double rate = measure(context, "mid", new ClipVisionConfig(224, 14, 256, 4, 8, 1024));
        double real = flops(ClipVisionConfig.vitH14());
        context.report("vitH14.flops", real / 1e9, "GFLOP",
                String.format("estimate; at the mid config's rate: %.1f s", real / rate));
    }

    /** FLOPs of the patch embedding and the layers-1 blocks Wan runs. */
    static double flops(ClipVisionConfig c) {
        double l = c.tokens();
        double d = c.width();
        double patch = (l - 1) * 3.0 * c.patchSize() * c.patchSize() * d;
        double block = l * (4 * d * d + 2 * d * c.mlpDim()) + 2 * l * l * d;
        return 2 * (patch + (c.layers() - 1) * block);
    }

    private static double measure(BenchContext context, String label, ClipVisionConfig config) throws Exception {
        Path dir = Files.createTempDirectory("talkfx-clip-bench");
        Path file = dir.resolve("clip.safetensors");
        try {
            SafetensorsWriter.write(file, ClipVision.randomWeights(config, 1), Map.of());
            try (SafetensorsFile weights = SafetensorsFile.open(file);
                 NDManager manager = Engines.pytorch().newBaseManager();
                 ClipVision clip = ClipVision.load(manager, Weights.of(weights))) {
                NDArray image = manager.randomUniform(-1f, 1f, new Shape(3, 480, 832));
                double preprocess = BenchContext.medianSeconds(1, context.iterations(3), () -> {
                    try (NDManager m = manager.newSubManager()) {
                        clip.preprocess(m, image);
                    }
                });
                double seconds = BenchContext.medianSeconds(1, context.iterations(3), () -> {
                    try (NDManager m = manager.newSubManager()) {
                        clip.encode(m, image);
                    }
                });
                double f = flops(config);
                context.report(label + ".encode", seconds * 1e3, "ms", String.format(
                        "width %d, %d layers, %.2f GFLOP, %.1f GFLOP/s (incl. preprocessing)", config.width(),
                        config.layers(), f / 1e9, f / seconds / 1e9));
                context.report(label + ".preprocess", preprocess * 1e3, "ms", "bicubic 480x832 -> 224x224 in Java");
                return f / (seconds - preprocess);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
