package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a streaming window's time goes on the tiny random model (the demo's configuration: 64×64, 33-frame windows,
 * 4 steps without guidance): each network call of one window, and a whole 2-window shot.
 */
public final class PipelineBenchmark implements Benchmark {
    @Override
    public String name() {
        return "pipeline.tiny.window";
    }

    @Override
    public String description() {
        return "tiny random model: VAE encode/decode, CLIP, wav2vec2, DiT step and a whole shot at 64x64, window 33";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Path dir = Files.createTempDirectory("talkfx-bench-tiny");
        try (NDManager m = Engines.pytorch().newBaseManager();
             NetworkModel model = NetworkModel.load(m, TinyModel.write(dir.resolve("model"), 7))) {
            int frames = 33;
            int runs = ctx.iterations(5);
            NDArray video = m.randomUniform(-1, 1, new Shape(3, frames, 64, 64));
            NDArray context = m.randomUniform(-1, 1, new Shape(3, 5, 64, 64));
            NDArray latents = model.encodeVideo(m, video);
            NDArray text = model.encodeText(m, GenerationSettings.DEFAULT_PROMPT);
            NDArray clip = model.encodeImage(m, video.get(":, 0"));
            NDArray y = m.zeros(new Shape(1, 20).addAll(latents.getShape().slice(1)));
            NDArray features = model.audioFeatures(m, new float[16000 * 2], 50);
            NDArray audio = StreamingGenerator.audioWindows(m, List.of(features), 0, frames);
            measure(ctx, "vae.encode.33x64x64", runs, () -> {
                try (NDManager s = m.newSubManager()) {
                    model.encodeVideo(s, video);
                }
            });
            measure(ctx, "vae.encode.context5x64x64", runs, () -> {
                try (NDManager s = m.newSubManager()) {
                    model.encodeVideo(s, context);
                }
            });
            measure(ctx, "vae.decode.9latents", runs, () -> {
                try (NDManager s = m.newSubManager()) {
                    model.decode(s, latents);
                }
            });
            measure(ctx, "clip.encode", runs, () -> {
                try (NDManager s = m.newSubManager()) {
                    model.encodeImage(s, video.get(":, 0"));
                }
            });
            measure(ctx, "wav2vec2.2s", runs, () -> {
                try (NDManager s = m.newSubManager()) {
                    model.audioFeatures(s, new float[32000], 50);
                }
            });
            measure(ctx, "dit.call", runs, () -> {
                try (NDManager s = m.newSubManager()) {
                    model.denoise(s, new DenoiseInput(latents, 500f, text, clip, y, audio, null));
                }
            });
            RenderRequest shot = new RenderRequest(Path.of("bench.png"),
                    List.of(new RgbImage(64, 64, new byte[3 * 64 * 64])), true,
                    List.of(new SpeakerTrack(Path.of("bench.wav"), new float[16000 * 2], 1f, 0)), AudioMode.PARA,
                    List.of(), null, 0, Resolution.fixed(64, 64),
                    Preset.DRAFT.settings(false).withWindow(33, 5));
            long cpu0 = processCpuNanos();
            double shotSeconds = BenchContext.medianSeconds(0, 1, () ->
                    new ShotRenderer(model, m).render(shot, NoiseSource.seeded(1), GenerationListener.NONE));
            double shotCpu = (processCpuNanos() - cpu0) / 1e9;
            ctx.report("shot.2s.50frames.2windows", shotSeconds, "s", "wall; I2V, draft preset, 64x64");
            ctx.report("shot.2s.50frames.2windows.cpu", shotCpu, "s", "process CPU (the box is shared)");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Median wall time after one warm-up call, and process CPU per call (wall also counts a busy box). */
    private static void measure(BenchContext ctx, String metric, int runs, BenchContext.ThrowingRunnable body)
            throws Exception {
        body.run();
        long cpu0 = processCpuNanos();
        double wall = BenchContext.medianSeconds(0, runs, body);
        double cpu = (processCpuNanos() - cpu0) / 1e9 / runs;
        ctx.report(metric, wall * 1000, "ms", "median wall");
        ctx.report(metric + ".cpu", cpu * 1000, "ms", "process CPU per call");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
