package org.talkfx.cli.render;

import org.talkfx.cli.CancelOnShutdown;
import org.talkfx.cli.TalkFxCommand;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.AudioMode;
import org.talkfx.inference.pipeline.EndPadding;
import org.talkfx.inference.pipeline.GenerationCancelledException;
import org.talkfx.inference.pipeline.GenerationSettings;
import org.talkfx.inference.pipeline.Preset;
import org.talkfx.inference.pipeline.Resolution;
import org.talkfx.inference.sampler.GuidanceSettings;
import org.talkfx.inference.sampler.SolverKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lip-sync a picture or a video to speech with InfiniteTalk.",
                "Example: talkfx render --source face.png --audio speech.wav --out talk.mp4 --models ~/models/infinitetalk"})
public final class RenderCommand implements Callable<Integer>, TalkFxCommand {
    @Option(names = "--job", paramLabel = "SHOT.json", description = "Render a shot job file (written by talkfx "
            + "batch; see docs/batch.md) instead of --source/--audio/--out; used by render-farm tasks.")
    Path job;

    @Option(names = "--root", paramLabel = "NAME=DIR", description = "With --job: where a declared root lies on "
            + "this machine (repeat).")
    Map<String, Path> roots = new HashMap<>();

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "With --job: render cache (finished windows "
            + "are reused, so a retried task resumes). Default: $TALKFX_CACHE_DIR or ~/.cache/talkfx/render.")
    Path cacheDir;

    @Option(names = "--source", paramLabel = "FILE", description = "Portrait image or video.")
    Path source;

    @Option(names = "--audio", paramLabel = "FILE[@N][+SEC]",
            description = "Speech of one speaker (repeat for up to 4): @N = speaker number, +SEC = start offset; "
                    + "silence:SEC for a listening speaker.")
    List<String> audio = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE",
            description = "Output: .mp4 (H.264 + AAC), .mov (ProRes 422 HQ) or a folder name (PNG sequence).")
    Path out;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Model folder (Wan2.1-I2V-14B + InfiniteTalk, VAE, CLIP, umT5 + tokenizer.json, wav2vec2). "
                    + "Default: $TALKFX_MODELS, else the built-in tiny random model (pipeline test, no lip-sync).")
    Path models;

    @Option(names = "--preset", defaultValue = "final", description = "final (40 steps, text 5, audio 4) or draft "
            + "(speed LoRA merged into the DiT: 4 steps, no guidance). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--head-only", description = "Regenerate only the heads; everything else stays bit-identical.")
    boolean headOnly;

    @Option(names = "--head-box", paramLabel = "X0,Y0,X1,Y1", description = "Head region in source pixels (repeat).")
    List<String> headBoxes = new ArrayList<>();

    @Option(names = "--head-mask", paramLabel = "FILE|DIR",
            description = "Head mask picture (white = redub), or a folder with one per 25 fps frame.")
    Path headMask;

    @Option(names = "--feather", defaultValue = "8", description = "Soft edge of the head composite in pixels.")
    int feather;

    @Option(names = "--keep-source", paramLabel = "FROM-TO",
            description = "With --head-only: seconds FROM to TO stay the untouched source (repeat).")
    List<String> keepSource = new ArrayList<>();

    @Option(names = "--speaker-box", paramLabel = "N=X0,Y0,X1,Y1",
            description = "Where speaker N is (routes its audio); default: left/right halves for two speakers.")
    List<String> speakerBoxes = new ArrayList<>();

    @Option(names = "--audio-mode", defaultValue = "para", description = "para (speakers overlap) or add (turns).")
    String audioMode;

    @Option(names = "--gain", paramLabel = "N=DB", description = "Gain of speaker N in dB (repeat).")
    List<String> gains = new ArrayList<>();

    @Option(names = "--no-loudness", description = "Skip the -23 LUFS loudness normalisation of each speaker.")
    boolean noLoudness;

    @Option(names = "--resolution", defaultValue = "480", description = "480, 720 (official buckets) or WxH.")
    String resolution;

    @Option(names = "--seed", description = "Noise seed (same seed, same frames).")
    Long seed;

    @Option(names = "--steps", description = "Sampling steps.")
    Integer steps;

    @Option(names = "--shift", description = "Timestep shift (7 at 480, 11 at 720, 2 with a speed LoRA).")
    Float shift;

    @Option(names = "--text-scale", description = "Text guidance scale.")
    Float textScale;

    @Option(names = "--audio-scale", description = "Audio guidance scale.")
    Float audioScale;

    @Option(names = "--apg", description = "Adaptive projected guidance (against colour drift in long videos).")
    boolean apg;

    @Option(names = "--solver", description = "euler (official) or dpm++.")
    String solver;

    @Option(names = "--color-strength", description = "Colour correction between windows, 0..1 (default 1).")
    Float colorStrength;

    @Option(names = "--window", description = "Frames per window, 4n+1 (default 81).")
    Integer window;

    @Option(names = "--context", description = "Context frames carried between windows, 4n+1 (default 9).")
    Integer context;

    @Option(names = "--max-frames", description = "Stop after this many 25 fps frames (0 = whole audio).")
    Integer maxFrames;

    @Option(names = "--end-padding", description = "reversed (official) or silence: audio features past the end.")
    String endPadding;

    @Option(names = "--prompt", description = "What the video shows.")
    String prompt;

    @Option(names = "--negative-prompt", description = "What to avoid (default: Wan's negative prompt).")
    String negativePrompt;

    @Option(names = "--report", paramLabel = "FILE", description = "JSON report (default: <out>.json).")
    Path report;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Integer call() {
        if (job != null) {
            if (source != null || !audio.isEmpty() || out != null) {
                throw new BadInputException("--job takes everything from the job file: leave out --source, --audio "
                        + "and --out");
            }
        } else if (source == null || audio.isEmpty() || out == null) {
            throw new BadInputException("give --source, --audio and --out (or --job SHOT.json)");
        }
        RenderOptions options = job == null ? options() : null;
        try (CancelOnShutdown shutdown = new CancelOnShutdown()) {
            AtomicBoolean cancelled = shutdown.flag();
            if (job != null) {
                org.talkfx.batch.ShotJobCommand.render(job, roots, models, cacheDir, System.out, cancelled);
            } else {
                new RenderJob(options, System.out, cancelled).run();
            }
            return 0;
        } catch (GenerationCancelledException e) {
            System.out.println("\ncancelled: nothing was written");
            return 130;
        }
    }

    RenderOptions options() {
        Resolution res;
        Preset p;
        AudioMode mode;
        try {
            res = Resolution.parse(resolution);
            p = Preset.parse(preset);
            mode = AudioMode.parse(audioMode);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        GenerationSettings s = p.settings(res.isHd());
        try {
            if (steps != null) {
                s = s.withSteps(steps);
            }
            if (shift != null) {
                s = s.withShift(shift);
            }
            GuidanceSettings g = s.guidance();
            if (textScale != null || audioScale != null || apg) {
                g = new GuidanceSettings(textScale != null ? textScale : g.textScale(),
                        audioScale != null ? audioScale : g.audioScale(), apg, g.apgMomentum(), g.apgNormThreshold(),
                        g.wrapperAudioScale());
                s = s.withGuidance(g);
            }
            if (solver != null) {
                s = s.withSolver(SolverKind.parse(solver));
            }
            if (colorStrength != null) {
                s = s.withColorStrength(colorStrength);
            }
            if (window != null || context != null) {
                s = s.withWindow(window != null ? window : s.frames(), context != null ? context : s.contextFrames());
            }
            if (maxFrames != null) {
                s = s.withMaxFrames(maxFrames);
            }
            if (endPadding != null) {
                s = s.withEndPadding(endPadding.toLowerCase(Locale.ROOT).startsWith("sil") ? EndPadding.SILENCE
                        : EndPadding.REVERSED_TAIL);
            }
            if (seed != null) {
                s = s.withSeed(seed);
            }
            if (prompt != null || negativePrompt != null) {
                s = s.withPrompts(prompt, negativePrompt);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        List<AudioSpec> specs = new ArrayList<>();
        for (String a : audio) {
            try {
                specs.add(AudioSpec.parse(a));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        List<int[]> boxes = new ArrayList<>();
        for (String b : speakerBoxes) {
            String[] kv = b.split("=", 2);
            int n;
            try {
                n = Integer.parseInt(kv[0].trim());
                if (kv.length != 2 || n < 1 || n > 4) {
                    throw new NumberFormatException();
                }
                while (boxes.size() < n) {
                    boxes.add(null);
                }
                boxes.set(n - 1, RenderJob.parseBox(kv[1]));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--speaker-box " + b + ": expected N=X0,Y0,X1,Y1 with N from 1 to 4");
            }
        }
        if (boxes.contains(null)) {
            throw new BadInputException("--speaker-box: give a box for every speaker from 1 up");
        }
        List<int[]> heads = new ArrayList<>();
        for (String b : headBoxes) {
            try {
                heads.add(RenderJob.parseBox(b));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--head-box " + b + ": " + e.getMessage());
            }
        }
        List<double[]> keep = new ArrayList<>();
        for (String k : keepSource) {
            String[] fromTo = k.split("-", 2);
            try {
                double from = Double.parseDouble(fromTo[0].trim());
                double to = Double.parseDouble(fromTo[1].trim());
                if (!(to > from) || from < 0) {
                    throw new NumberFormatException();
                }
                keep.add(new double[]{from, to});
            } catch (RuntimeException e) {
                throw new BadInputException("--keep-source " + k + ": expected FROM-TO in seconds, e.g. 2.5-4");
            }
        }
        if (!keep.isEmpty() && !headOnly) {
            throw new BadInputException("--keep-source needs --head-only (a full-frame render has no source to keep)");
        }
        Map<Integer, Double> gainDb = new HashMap<>();
        for (String g : gains) {
            String[] kv = g.split("=", 2);
            try {
                gainDb.put(Integer.parseInt(kv[0].trim()), Double.parseDouble(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new BadInputException("--gain " + g + ": expected N=DB, e.g. 2=-6");
            }
        }
        Path modelDir = models;
        if (modelDir == null && System.getenv("TALKFX_MODELS") != null) {
            modelDir = Path.of(System.getenv("TALKFX_MODELS"));
        }
        Path reportFile = report != null ? report : out.resolveSibling(out.getFileName() + ".json");
        return new RenderOptions(source, specs, out, reportFile, modelDir, headOnly, boxes, heads, headMask, feather,
                mode, gainDb, !noLoudness, res, s, keep);
    }
}
