package org.talkfx.panel.model;

import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;
import org.talkfx.inference.face.Box;
import org.talkfx.inference.face.HeadMasks;
import org.talkfx.inference.face.MaskStyle;
import org.talkfx.media.AudioFileWriter;
import org.talkfx.media.PcmAudio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the panel does in the background or on every slider move: waveform peaks of a long file, the mask overlay. */
public final class PanelBenchmark implements Benchmark {
    @Override
    public String name() {
        return "panel";
    }

    @Override
    public String description() {
        return "panel: waveform peaks of a 48 kHz WAV (decode at 8 kHz + reduce), live head-mask overlay at 480x270";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        double seconds = ctx.quick() ? 60 : 600;
        int rate = 48_000;
        float[] s = new float[(int) (seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / rate) * Math.abs(Math.sin(Math.PI * 3 * i / rate)));
        }
        Path dir = Files.createTempDirectory("talkfx-panel-bench");
        Path wav = dir.resolve("speech.wav");
        try {
            AudioFileWriter.write(wav, PcmAudio.mono(s, rate));
            double peaks = BenchContext.medianSeconds(1, ctx.iterations(3), () -> PeakCache.compute(wav));
            ctx.report("waveform peaks", peaks, "s", (int) seconds + " s of 48 kHz mono WAV");
            ctx.report("waveform peaks speed", seconds / peaks, "x realtime");
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(dir);
        }
        List<Box> heads = List.of(new Box(60, 40, 90, 120), new Box(300, 50, 80, 110));
        MaskStyle style = new MaskStyle(MaskStyle.Shape.ELLIPSE, 0.05f, 0.2f);
        double overlay = BenchContext.medianSeconds(3, ctx.iterations(30), () -> HeadMasks.render(480, 270, heads, style));
        ctx.report("mask overlay 480x270, 2 heads", overlay * 1000, "ms", "per feather/expand change");
    }
}
