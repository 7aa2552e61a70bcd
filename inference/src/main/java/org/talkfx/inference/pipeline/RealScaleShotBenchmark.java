package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.perf.ComputeDevice;
import org.talkfx.inference.perf.DitPlacementPlanner;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A whole shot at 480p on the GPU through the real streaming engine ({@link ShotRenderer}): a still 832x480 portrait
 * made to speak 6.12 s of audio (two 81-frame windows, 153 frames at 25 fps) with the Draft preset, every network at
 * its real size with random weights ({@link RealScaleModel}). Reports wall time and GPU-seconds per second of video,
 * the figure editors pay in. Needs a GPU; on CPU it says so and stops.
 */
public final class RealScaleShotBenchmark implements Benchmark {
    private static final int WIDTH = 832;
    private static final int HEIGHT = 480;

    @Override
    public String name() {
        return "pipeline.realscale";
    }

    @Override
    public String description() {
        return "a 2-window 480p shot (Draft preset) through the streaming engine with real-size random networks (GPU)";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        ComputeDevice cd = ComputeDevice.best();
        if (!cd.isGpu()) {
            ctx.report("note.no_gpu", 0, "", "no GPU: the 14B model at 480p needs one (see dit.realscale for CPU figures)");
            return;
        }
        try (NDManager m = Engines.pytorch().newBaseManager(cd.device());
             TimedModel model = new TimedModel(new RealScaleModel(m, DitPlacementPlanner.plan(cd.device(), note(ctx)),
                     DataType.FLOAT16, note(ctx)))) {
            new ShotRenderer(model, m).render(shot(81), NoiseSource.seeded(1), GenerationListener.NONE); // warm-up
            model.reset();
            RenderRequest shot = shot(153);
            RenderResult[] result = new RenderResult[1];
            double wall = BenchContext.medianSeconds(0, 1, () ->
                    result[0] = new ShotRenderer(model, m).render(shot, NoiseSource.seeded(2), GenerationListener.NONE));
            double videoSeconds = result[0].frames().size() / 25.0;
            String where = cd.device() + ", " + WIDTH + "x" + HEIGHT + ", " + result[0].frames().size() + " frames, "
                    + result[0].windows() + " windows, Draft preset (4 steps, no guidance)";
            ctx.report("draft.shot", wall, "s", where);
            ctx.report("draft.per_window", wall / result[0].windows(), "s", "wall per window");
            ctx.report("draft.gpu_seconds_per_video_second", wall / videoSeconds, "s/s",
                    "one GPU for the whole shot, host work (colour match, compositing) included");
            long inCalls = 0;
            for (var call : model.calls().entrySet()) {
                long[] v = call.getValue();
                inCalls += v[1];
                ctx.report("draft.calls." + call.getKey(), v[1] / 1e9, "s", v[0] + " calls, "
                        + String.format(java.util.Locale.ROOT, "%.3f s each", v[1] / 1e9 / v[0]));
            }
            ctx.report("draft.outside_networks", wall - inCalls / 1e9, "s",
                    "the streaming engine's own work: frames to tensors, noise, sampler, colour match, compositing");
        }
    }

    private static java.util.function.Consumer<String> note(BenchContext ctx) {
        return text -> ctx.report("note", 0, "", text);
    }

    /** A random 832x480 still and {@code frames} frames' worth of noise as the voice (content does not change cost). */
    private static RenderRequest shot(int frames) {
        Random random = new Random(frames);
        byte[] rgb = new byte[3 * WIDTH * HEIGHT];
        random.nextBytes(rgb);
        float[] audio = new float[frames * 16000 / 25];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.1 * random.nextGaussian());
        }
        return new RenderRequest(Path.of("portrait.png"), List.of(new RgbImage(WIDTH, HEIGHT, rgb)), true,
                List.of(new SpeakerTrack(Path.of("voice.wav"), audio, 1f, 0)), AudioMode.PARA, List.of(), null, 0,
                Resolution.fixed(WIDTH, HEIGHT), Preset.DRAFT.settings(false));
    }
}
