package org.talkfx.batch;

import org.talkfx.cache.ContentHashes;
import org.talkfx.cli.render.AudioSpec;
import org.talkfx.cli.render.RenderOptions;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.AudioMode;
import org.talkfx.inference.pipeline.GenerationSettings;
import org.talkfx.inference.pipeline.Preset;
import org.talkfx.inference.pipeline.Resolution;
import org.talkfx.inference.sampler.GuidanceSettings;
import org.talkfx.media.MediaInfo;
import org.talkfx.media.MediaProbe;
import org.talkfx.shot.RegionKind;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.shot.Speaker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shot job checked against the disk and turned into a render: every path resolved inside its root, every input
 * present, readable and hashed (and equal to the hash the job recorded), the setup mapped onto {@link RenderOptions}.
 * Anything wrong is a {@link BadInputException} naming the file and the shot.
 *
 * @param inputHashes  root reference -> SHA-256 of every input
 * @param sourceHash   SHA-256 of the source (cache key part)
 * @param audioHashes  SHA-256 of the enabled speakers' audio, in speaker order (cache key part)
 * @param keySettings  everything else that decides the generated pixels, for the cache key
 */
public record PreparedShot(ShotJob job, Path jobFile, Roots roots, ShotSetup setup, RenderOptions options,
                           Map<String, String> inputHashes, String sourceHash, List<String> audioHashes,
                           Map<String, Object> keySettings) {

    public String id() {
        return job.id();
    }

    PreparedShot withJob(ShotJob newJob) {
        return new PreparedShot(newJob, jobFile, roots, setup, options, inputHashes, sourceHash, audioHashes,
                keySettings);
    }

    public Path output() {
        return options.out();
    }

    /** The provenance sidecar next to the output: {@code <output>.provenance.json}. */
    public Path sidecar() {
        return options.out().resolveSibling(options.out().getFileName() + ".provenance.json");
    }

    /**
     * @param rootOverrides replace declared roots (a farm node's mounts)
     * @param models        model folder given on the command line (wins over the setup's), or null
     */
    public static PreparedShot prepare(ShotJob job, Path jobFile, Map<String, Path> rootOverrides, Path models,
                                       ContentHashes hashes) {
        if (!ShotJob.FORMAT.equals(job.format())) {
            throw new BadInputException(jobFile, "format is '" + job.format() + "', expected " + ShotJob.FORMAT);
        }
        if (job.shot() == null || job.shot().isBlank()) {
            throw new BadInputException(jobFile, "shot has no name");
        }
        String shot = "shot " + job.id();
        Path base = jobFile.toAbsolutePath().getParent();
        Roots roots = Roots.declared(job.roots(), base).with(rootOverrides);
        if (job.setup() == null) {
            throw new BadInputException(jobFile, shot + ": no setup");
        }
        ShotSetup setup = new ShotSetupFile().parse(jobFile, job.setup().toString().getBytes(StandardCharsets.UTF_8));
        refuseUnsupported(setup, jobFile, shot);

        Map<String, String> hashesByRef = new TreeMap<>();
        Path source = input(roots, setup.source().media(), jobFile, shot, "source", job, hashes, hashesByRef);
        List<AudioSpec> audio = new ArrayList<>();
        List<String> audioHashes = new ArrayList<>();
        Map<Integer, Double> gains = new LinkedHashMap<>();
        int n = 0;
        for (Speaker s : setup.enabledSpeakers()) {
            n++;
            Path file = input(roots, s.audio(), jobFile, shot, "audio of speaker " + n, job, hashes, hashesByRef);
            requireAudio(file, shot);
            audio.add(speakerAudio(s, file, n, jobFile, shot));
            audioHashes.add(hashesByRef.get(s.audio()));
            gains.put(n, s.gainDb());
        }
        double[] range = sourceRange(setup, source, shot);
        Path mask = null;
        if (setup.region().kind() == RegionKind.MASK_CLIP) {
            mask = input(roots, setup.region().maskMedia(), jobFile, shot, "mask", job, hashes, hashesByRef);
        }
        Path out = roots.resolve(job.output(), jobFile);
        Path model = models;
        if (model == null && setup.modelDirectory() != null) {
            model = roots.resolve(setup.modelDirectory(), jobFile);
            if (!Files.isDirectory(model)) {
                throw new BadInputException(model, shot + ": model folder is missing");
            }
        }
        if (model == null && System.getenv("TALKFX_MODELS") != null) {
            model = Path.of(System.getenv("TALKFX_MODELS"));
        }

        RenderParams p = job.render();
        Resolution res;
        GenerationSettings s;
        try {
            res = Resolution.parse(p.effectiveResolution());
            var g = setup.generation();
            Preset preset = g.preset() == org.talkfx.shot.Preset.FINAL ? Preset.FINAL : Preset.DRAFT;
            s = preset.settings(res.isHd());
            GuidanceSettings gs = s.guidance();
            s = s.withSteps(g.effectiveSteps()).withSeed(g.effectiveSeed())
                    .withGuidance(new GuidanceSettings((float) g.effectiveTextGuidance(),
                            (float) g.effectiveAudioGuidance(), gs.apg(), gs.apgMomentum(), gs.apgNormThreshold(),
                            gs.wrapperAudioScale()))
                    .withPrompts(g.effectivePrompt().isBlank() ? null : g.effectivePrompt(), null)
                    .withMaxFrames(p.effectiveMaxFrames());
            if (p.window() != null || p.context() != null) {
                s = s.withWindow(p.window() != null ? p.window() : s.frames(),
                        p.context() != null ? p.context() : s.contextFrames());
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(jobFile, shot + ": " + e.getMessage());
        }
        AudioMode mode = setup.audioMode() == org.talkfx.shot.AudioMode.ADD ? AudioMode.ADD : AudioMode.PARA;
        RenderOptions options = new RenderOptions(source, audio, out,
                out.resolveSibling(out.getFileName() + ".provenance.json"), model, mask != null, List.of(), List.of(),
                mask, (int) Math.round(setup.region().feather()), mode, gains, p.effectiveLoudness(), res, s, List.of(),
                range[0], range[1]);

        Map<String, Object> key = new TreeMap<>();
        key.put("setup", setup.generationSettings());
        key.put("render", Map.of("resolution", res.name(), "window", s.frames(), "context", s.contextFrames(),
                "max_frames", s.maxFrames(), "loudness", p.effectiveLoudness(), "preset", s.speedLora() ? "draft" : "final"));
        if (mask != null) {
            key.put("mask_sha256", hashesByRef.get(setup.region().maskMedia()));
        }
        return new PreparedShot(job, jobFile, roots, setup, options, hashesByRef, hashesByRef.get(setup.source().media()),
                audioHashes, key);
    }

    private static Path input(Roots roots, String ref, Path jobFile, String shot, String what, ShotJob job,
                              ContentHashes hashes, Map<String, String> out) {
        if (ref == null) {
            throw new BadInputException(jobFile, shot + ": no " + what + " given");
        }
        Path file;
        try {
            file = roots.resolve(ref, jobFile);
        } catch (BadInputException e) {
            throw new BadInputException(jobFile, shot + ", " + what + ": " + problem(e), e);
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, shot + ": " + what + " is missing");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(file, shot + ": " + what + " is not readable (permissions)");
        }
        String hash;
        try {
            hash = hashes.of(file);
        } catch (IOException e) {
            throw new BadInputException(file, shot + ": cannot read the " + what + ": " + e.getMessage(), e);
        }
        String expected = job.inputs().get(ref);
        if (expected != null && !expected.equals(hash)) {
            throw new BadInputException(file, shot + ": " + what + " changed since the job was written (SHA-256 "
                    + hash.substring(0, 12) + "..., the job expects " + expected.substring(0, Math.min(12,
                    expected.length())) + "...)");
        }
        out.put(ref, hash);
        return file;
    }

    /** An audio file FFmpeg cannot open, or one without sound, fails here and not after the model has loaded. */
    private static void requireAudio(Path file, String shot) {
        MediaInfo info;
        try {
            info = MediaProbe.probe(file);
        } catch (BadInputException e) {
            throw new BadInputException(file, shot + ": unreadable audio file (" + problem(e) + ")", e);
        }
        if (info.audio().isEmpty()) {
            throw new BadInputException(file, shot + ": unreadable audio file (no audio stream in it)");
        }
    }

    /** The problem part of a BadInputException message (without the "file: " prefix). */
    static String problem(BadInputException e) {
        String m = e.getMessage();
        String prefix = e.file() == null ? "" : e.file() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /**
     * The part of a speaker's file that plays, placed relative to the shot's first frame. The part before the shot's
     * first frame is dropped (a timeline clip that starts before the shot), so the placement is never negative.
     */
    private static AudioSpec speakerAudio(Speaker s, Path file, int n, Path jobFile, String shot) {
        double in = s.audioIn() == null ? 0 : s.audioIn();
        double out = s.audioOut() == null ? Double.POSITIVE_INFINITY : s.audioOut();
        double at = s.offsetSeconds() + in;
        if (at < 0) {
            in -= at;
            at = 0;
        }
        if (!(out - in > 1.0 / 25)) {
            throw new BadInputException(jobFile, shot + ": speaker " + n + " plays nothing during the shot (audio_in "
                    + s.audioIn() + ", audio_out " + s.audioOut() + ", offset " + s.offsetSeconds() + " s)");
        }
        return new AudioSpec(file, n, at, 0, in, out - in);
    }

    /** {@code [start, length]} seconds of the source from the setup's in_frame/out_frame, at the file's own rate. */
    private static double[] sourceRange(ShotSetup setup, Path source, String shot) {
        long in = setup.source().inFrame();
        Long out = setup.source().outFrame();
        if (in == 0 && out == null) {
            return new double[]{0, Double.POSITIVE_INFINITY};
        }
        double fps = MediaProbe.probe(source).video().map(v -> v.fps()).filter(f -> f > 0)
                .orElse(setup.source().fpsFallback() == null ? 0.0 : setup.source().fpsFallback());
        if (!(fps > 0)) {
            throw new BadInputException(source, shot + ": in_frame/out_frame need the source's frame rate (the file "
                    + "gives none; set source.fps_fallback)");
        }
        return new double[]{in / fps, out == null ? Double.POSITIVE_INFINITY : (out - in) / fps};
    }

    private static void refuseUnsupported(ShotSetup setup, Path jobFile, String shot) {
        List<String> problems = new ArrayList<>();
        if (!setup.excludeRanges().isEmpty()) {
            problems.add("exclude_ranges");
        }
        if (setup.region().kind() == RegionKind.HEADS_ONLY) {
            problems.add("region heads_only (needs the editor's face tracks; use mask_clip with mask_media)");
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(jobFile, shot + ": not supported in file renders yet: "
                    + String.join("; ", problems));
        }
    }
}
