package org.talkfx.batch;

import org.talkfx.cli.CancelOnShutdown;
import org.talkfx.cli.TalkFxCommand;
import org.talkfx.cli.render.RenderJob;
import org.talkfx.cli.render.RenderOptions;
import org.talkfx.common.BadInputException;
import org.talkfx.farm.FarmSettings;
import org.talkfx.farm.FarmShot;
import org.talkfx.farm.OpenCueSpec;
import org.talkfx.farm.OpenJdTemplate;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.pipeline.GenerationListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render many shots from a batch file: one output per shot with its dubbed audio, a report and "
                + "a provenance sidecar per output; reruns skip finished shots and resume unfinished ones.",
                "Example: talkfx batch film_de.json --estimate;  talkfx batch film_de.json;  "
                        + "talkfx batch film_de.json --farm openjd;  talkfx batch edit.otio --mapping edit_de.json"})
public final class BatchCommand implements Callable<Integer>, TalkFxCommand {
    @Parameters(index = "0", paramLabel = "BATCH.json|EDIT.otio", description = "Batch file, or an OpenTimelineIO "
            + "edit with --mapping (docs/batch.md).")
    Path batchFile;

    @Option(names = "--mapping", paramLabel = "MAP.json", description = "With an .otio edit: which tracks are the "
            + "shots and the speakers, roots, output template and settings (docs/batch.md).")
    Path mapping;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Shot job files, logs, report and farm files (default: <batch file>.batch next to it).")
    Path workDir;

    @Option(names = "--root", paramLabel = "NAME=DIR", description = "Replace a declared root (repeat).")
    Map<String, Path> roots = new HashMap<>();

    @Option(names = "--models", paramLabel = "DIR", description = "Model folder for every shot (default: the "
            + "setup's model_directory, $TALKFX_MODELS, else the built-in tiny random model).")
    Path models;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Render cache (default: $TALKFX_CACHE_DIR or "
            + "~/.cache/talkfx/render).")
    Path cacheDir;

    @Option(names = "--workers", description = "Shots at once (default: one per GPU, at least 1).")
    Integer workers;

    @Option(names = "--estimate", description = "Print frames, windows, model calls and expected time; render nothing.")
    boolean estimate;

    @Option(names = "--no-measure", description = "With --estimate: do not run a quick one-window measurement for "
            + "configurations the speed profile does not know.")
    boolean noMeasure;

    @Option(names = "--farm", paramLabel = "opencue|openjd",
            description = "Write a render-farm job (OpenCue XML job spec or Open Job Description template) instead "
                    + "of rendering here.")
    String farm;

    @Option(names = "--farm-command", defaultValue = "talkfx", description = "TalkFX on the farm nodes.")
    String farmCommand;

    @Option(names = "--farm-root", paramLabel = "NAME=DIR", description = "Where a root is mounted on the nodes.")
    Map<String, String> farmRoots = new HashMap<>();

    @Option(names = "--farm-cache-dir", paramLabel = "DIR", description = "Render cache shared by the nodes.")
    String farmCacheDir;

    @Option(names = "--gpus", defaultValue = "1", description = "GPUs per farm task.")
    int gpus;

    @Option(names = "--gpu-memory-gb", defaultValue = "80", description = "GPU memory per farm task (GiB).")
    int gpuMemoryGb;

    @Option(names = "--memory-gb", defaultValue = "64", description = "Host memory per farm task (GiB).")
    int memoryGb;

    @Option(names = "--cores", defaultValue = "8", description = "CPU cores per farm task.")
    int cores;

    @Option(names = "--retries", defaultValue = "2", description = "Retries of a failed farm task (OpenCue).")
    int retries;

    @Option(names = "--timeout-min", defaultValue = "0", description = "Kill a farm task after this long (0 = never).")
    int timeoutMinutes;

    @Option(names = "--show", defaultValue = "talkfx", description = "OpenCue show.")
    String show;

    @Override
    public int order() {
        return 12;
    }

    @Override
    public Integer call() throws InterruptedException {
        Path work = workDir != null ? workDir : batchFile.toAbsolutePath().resolveSibling(
                batchFile.getFileName().toString().replaceFirst("\\.(json|otio)$", "") + ".batch");
        List<BatchPlan.Planned> plan;
        if (OtioBatch.isTimeline(batchFile)) {
            if (mapping == null) {
                throw new BadInputException(batchFile, "an .otio edit needs --mapping MAP.json (docs/batch.md)");
            }
            plan = OtioBatch.plan(batchFile, mapping, work, roots, models);
        } else {
            if (mapping != null) {
                throw new BadInputException(mapping, "--mapping goes with an .otio edit, not a batch file");
            }
            plan = BatchPlan.plan(batchFile, JobJson.read(batchFile, BatchFile.class, "batch file"), work, roots,
                    models);
        }
        for (BatchPlan.Planned p : plan) {
            if (!p.ok()) {
                System.out.println("error: " + p.id() + ": " + p.error());
            }
        }
        if (farm != null) {
            return writeFarm(plan, work);
        }
        int gpuCount = gpuCount();
        int n = workers != null ? Math.max(1, workers) : Math.max(1, gpuCount);
        if (estimate) {
            return estimate(plan, n);
        }
        List<Integer> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devices.add(gpuCount > 0 ? i % gpuCount : -1);
        }
        System.out.println("batch: " + plan.size() + " shots, " + n + " worker" + (n == 1 ? "" : "s") + " ("
                + (gpuCount == 0 ? "no GPU: default device" : gpuCount + " GPU" + (gpuCount == 1 ? "" : "s")) + ")");
        BatchReport report = new BatchReport(work.resolve("report.json"), batchFile, n, gpuCount);
        try (CancelOnShutdown shutdown = new CancelOnShutdown()) {
            AtomicBoolean cancelled = shutdown.flag();
            boolean all = new BatchRunner(ShotJobCommand.openCache(cacheDir), report, work, devices, System.out,
                    cancelled, new SpeedProfile(SpeedProfile.defaultFile())).run(plan);
            Map<String, Integer> s = report.summary();
            System.out.println("batch " + (all ? "finished" : "incomplete") + ": " + s + "; report " + report.file());
            return cancelled.get() ? 130 : all ? 0 : 1;
        }
    }

    /** GPUs as DJL's PyTorch engine sees them; 0 when the engine cannot load or finds none. */
    static int gpuCount() {
        try {
            return Math.max(0, Engines.pytorch().getGpuCount());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return 0;
        }
    }

    private int estimate(List<BatchPlan.Planned> plan, int n) {
        SpeedProfile profile = new SpeedProfile(SpeedProfile.defaultFile());
        List<Estimate.Line> lines = new ArrayList<>();
        Map<String, Optional<SpeedProfile.Entry>> measured = new LinkedHashMap<>();
        boolean ok = true;
        for (BatchPlan.Planned p : plan) {
            if (!p.ok()) {
                ok = false;
                continue;
            }
            try {
                Estimate.Line l = Estimate.count(p.prepared());
                lines.add(Estimate.timed(l, profile, key -> noMeasure ? Optional.empty()
                        : measured.computeIfAbsent(key, k -> quickRun(p.prepared(), k, profile))));
            } catch (BadInputException e) {
                System.out.println("error: " + p.id() + ": " + e.getMessage());
                ok = false;
            }
        }
        System.out.println("speed profile: " + SpeedProfile.defaultFile());
        Estimate.print(lines, n, System.out);
        return ok ? 0 : 1;
    }

    /** Renders one window of the shot to a scratch folder, timing it, and stores the result in the profile. */
    private static Optional<SpeedProfile.Entry> quickRun(PreparedShot shot, String key, SpeedProfile profile) {
        System.out.println("measuring " + key + " with one window of " + shot.id() + "...");
        try {
            Path dir = Files.createTempDirectory("talkfx-measure");
            RenderOptions o = shot.options();
            RenderOptions one = new RenderOptions(o.source(), o.audio(), dir.resolve("measure.mp4"),
                    dir.resolve("measure.json"), o.models(), o.headOnly(), o.speakerBoxes(), o.headBoxes(), o.headMask(),
                    o.feather(), o.mode(), o.gainsDb(), o.loudness(), o.resolution(),
                    o.settings().withMaxFrames(o.settings().frames()), o.keepSource(),
                    o.sourceStart(), o.sourceLength());
            SpeedProfile.Timer timer = new SpeedProfile.Timer(GenerationListener.NONE);
            new RenderJob(one, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                    new AtomicBoolean(), new org.talkfx.cli.render.RenderHooks(null, timer, null)).run();
            SpeedProfile.Entry e = new SpeedProfile.Entry(timer.windowSeconds(), timer.setupSeconds(), 1,
                    Instant.now().toString(), "quick run of one window of " + shot.id());
            profile.put(key, e);
            return Optional.of(e);
        } catch (IOException | RuntimeException e) {
            System.out.println("note: the quick measurement failed (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private int writeFarm(List<BatchPlan.Planned> plan, Path work) {
        String kind = farm.toLowerCase(Locale.ROOT);
        if (!kind.equals("opencue") && !kind.equals("openjd")) {
            throw new BadInputException("--farm " + farm + ": use opencue or openjd");
        }
        List<FarmShot> shots = plan.stream().filter(BatchPlan.Planned::ok)
                .map(p -> new FarmShot(p.id(), p.jobFile())).toList();
        if (shots.isEmpty()) {
            throw new BadInputException(batchFile, "no shot can be rendered (see the errors above)");
        }
        Map<String, String> nodeRoots = new LinkedHashMap<>();
        plan.stream().filter(BatchPlan.Planned::ok).findFirst().ifPresent(p ->
                p.prepared().roots().asMap().forEach((k, v) -> nodeRoots.put(k, v.toString())));
        nodeRoots.putAll(farmRoots);
        String name = batchFile.getFileName().toString().replaceFirst("\\.(json|otio)$", "");
        FarmSettings s = new FarmSettings(name, farmCommand, nodeRoots, farmCacheDir, gpus, gpuMemoryGb, memoryGb,
                cores, retries, timeoutMinutes, show, System.getProperty("user.name", "talkfx"));
        Path jobsDir = work.resolve("jobs").toAbsolutePath().normalize();
        Path out;
        String text;
        if (kind.equals("opencue")) {
            out = work.resolve("farm").resolve(name + ".opencue.xml");
            text = OpenCueSpec.write(shots, s);
        } else {
            out = work.resolve("farm").resolve(name + ".openjd.json");
            text = OpenJdTemplate.write(jobsDir.toString(), shots, s);
        }
        try {
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException(out, "cannot write: " + e.getMessage(), e);
        }
        System.out.println("wrote " + out + " (" + shots.size() + " shots; job files in " + jobsDir + ")");
        return shots.size() == plan.size() ? 0 : 1;
    }
}
