package org.talkfx.cli.render;

import org.talkfx.cli.TalkFxCommand;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.AudioMode;
import org.talkfx.inference.pipeline.GenerationSettings;
import org.talkfx.inference.pipeline.Preset;
import org.talkfx.inference.pipeline.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Make a sample portrait and speech, and render them end to end with a tiny built-in model.")
public final class DemoCommand implements Callable<Integer>, TalkFxCommand {
    @Option(names = "--out", defaultValue = "talkfx-demo", paramLabel = "DIR",
            description = "Folder for the inputs, the video and the report (default: ./${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--size", defaultValue = "64", description = "Generated picture side in pixels (multiple of 16).")
    int size;

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        StringBuilder notes = new StringBuilder();
        Path portrait = DemoInputs.portrait(out, notes);
        Path speech = DemoInputs.speech(out, notes);
        System.out.print(notes);
        System.out.println("model: a tiny InfiniteTalk with the real architecture and RANDOM weights, on CPU.");
        System.out.println("       It shows the whole pipeline working (audio features, windows, sampler, VAE,");
        System.out.println("       encoding); it does NOT lip-sync: expect coloured noise that follows the picture.");
        Resolution res;
        try {
            res = Resolution.fixed(size, size);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--size: " + e.getMessage());
        }
        // long windows with a short context: the fewest decoded frames per second of speech on a CPU
        GenerationSettings s = Preset.DRAFT.settings(false).withWindow(33, 5);
        Path video = out.resolve("demo.mp4");
        RenderOptions o = new RenderOptions(portrait, List.of(new AudioSpec(speech, 1, 0)), video,
                out.resolve("demo.json"), null, false, List.of(), List.of(), null, 0, AudioMode.PARA, Map.of(),
                true, res, s, List.of());
        new RenderJob(o, System.out, new AtomicBoolean()).run();
        System.out.println();
        System.out.println("For real lip-sync, download the InfiniteTalk weights (see docs/pipeline.md) and run:");
        System.out.println("  talkfx render --source " + portrait + " --audio " + speech
                + " --out talk.mp4 --models <model folder>");
        return 0;
    }
}
