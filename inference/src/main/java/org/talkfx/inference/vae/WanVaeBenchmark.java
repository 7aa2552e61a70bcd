package org.talkfx.inference.vae;

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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Wan VAE encode/decode time on random weights at the tiny fixture config and a mid config, with FLOPs, the
 * process's peak resident memory during each call, and what the measured rate implies for the real model at 81
 * frames of 832x480.
 */
public final class WanVaeBenchmark implements Benchmark {
    @Override
    public String name() {
        return "inference.vae";
    }

    @Override
    public String description() {
        return "Wan VAE encode + decode (random weights): tiny dim 8 17x32x32, mid dim 32 17x64x64";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        RuntimeSetup.apply();
        measure(context, "tiny", WanVaeConfig.tiny(), 17, 32, 32);
        WanVaeConfig mid = new WanVaeConfig(32, 16, List.of(1, 2, 4, 4), 2, List.of(false, true, true));
        double rate = measure(context, "mid", mid, 17, 64, 64);
        WanVaeConfig real = WanVaeConfig.wan21();
        double realFlops = VaeFlops.encode(real, 81, 480, 832) + VaeFlops.decode(real, 21, 60, 104);
        context.report("real.81x480x832.encode+decode.flops", realFlops / 1e12, "TFLOP",
                "estimate; at the mid config's rate: " + Math.round(realFlops / rate) + " s");
    }

    /** Returns the combined encode + decode rate in FLOP/s. */
    private static double measure(BenchContext context, String label, WanVaeConfig config, int frames, int height,
                                  int width) throws Exception {
        Path dir = Files.createTempDirectory("talkfx-vae-bench");
        Path file = dir.resolve("vae.safetensors");
        try {
            SafetensorsWriter.write(file, WanVae.randomWeights(config, 1), Map.of());
            try (SafetensorsFile weights = SafetensorsFile.open(file);
                 NDManager manager = Engines.pytorch().newBaseManager();
                 WanVae vae = WanVae.load(manager, Weights.of(weights))) {
                NDArray video = manager.randomUniform(-1f, 1f, new Shape(3, frames, height, width));
                int runs = context.iterations(3);
                long before = PeakRss.reset();
                double encode = BenchContext.medianSeconds(1, runs, () -> {
                    try (NDManager m = manager.newSubManager()) {
                        vae.encode(m, video);
                    }
                });
                long encodePeak = PeakRss.read();
                NDArray latents = vae.encode(manager, video);
                PeakRss.reset();
                double decode = BenchContext.medianSeconds(1, runs, () -> {
                    try (NDManager m = manager.newSubManager()) {
                        vae.decode(m, latents);
                    }
                });
                long decodePeak = PeakRss.read();
                Shape l = latents.getShape();
                double encodeFlops = VaeFlops.encode(config, frames, height, width);
                double decodeFlops = VaeFlops.decode(config, l.get(1), l.get(2), l.get(3));
                String shape = "dim " + config.dim() + ", " + frames + "x" + height + "x" + width;
                context.report(label + ".encode", encode * 1e3, "ms", shape + ", "
                        + String.format("%.2f GFLOP, %.1f GFLOP/s", encodeFlops / 1e9, encodeFlops / encode / 1e9));
                context.report(label + ".decode", decode * 1e3, "ms", shape + ", "
                        + String.format("%.2f GFLOP, %.1f GFLOP/s", decodeFlops / 1e9, decodeFlops / decode / 1e9));
                context.report(label + ".encode.peak_rss", encodePeak >> 20, "MiB", "process peak, was "
                        + (before >> 20) + " MiB before");
                context.report(label + ".decode.peak_rss", decodePeak >> 20, "MiB", "process peak");
                return (encodeFlops + decodeFlops) / (encode + decode);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Process peak resident memory (Linux VmHWM), resettable through /proc/self/clear_refs. */
    static final class PeakRss {
        private PeakRss() {
        }

        /** Resets the peak to the current RSS where the kernel allows it; returns the current RSS. */
        static long reset() {
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            } catch (IOException | UnsupportedOperationException ignored) {
                // not Linux or not permitted: the figure is then the peak since start
            }
            return field("VmRSS:");
        }

        static long read() {
            return field("VmHWM:");
        }

        private static long field(String name) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(name)) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // not Linux: no figure
            }
            return 0;
        }
    }
}
