package org.talkfx.effect;

import org.talkfx.cache.CacheKey;
import org.talkfx.cache.ContentHashes;
import org.talkfx.cache.EntryWriter;
import org.talkfx.cache.RenderCache;
import org.talkfx.common.BadInputException;
import org.talkfx.engine.ModelIdentity;
import org.talkfx.engine.WindowLayout;
import org.talkfx.service.JobEvent;
import org.talkfx.service.JobState;
import org.talkfx.service.JobStatus;
import org.talkfx.service.ServiceClient;
import org.talkfx.service.ServiceUnavailableException;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.shot.ShotSetupValidator;
import org.talkfx.shot.Speaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.talkfx.effect.TalkFxParams.*;

/**
 * The host-independent side of one effect instance: keeps the shot setup in step with the parameters (and the
 * setup file the panel edits), finds generated frames in the cache by key, and drives the render service.
 * Nothing heavy runs here: no model, no decoding beyond hashing the inputs' bytes. Renders and parameter changes
 * may come from different host threads (Generate blocks the UI thread while renders go on), so the fields are
 * volatile and never locked: the lazily made values are the same whoever makes them.
 */
public final class ShotController {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ParamValues params;
    private final EffectEnvironment env;
    private final ContentHashes hashes = new ContentHashes();
    private volatile ShotSetup setup;
    private volatile FileTime setupFileTime;
    private volatile RenderCache cache;
    private volatile ServiceClient client;
    private volatile String jobId;
    private volatile String modelDirForId;
    private volatile String modelId;

    public ShotController(ParamValues params, EffectEnvironment env) {
        this.params = params;
        this.env = env;
        load();
    }

    /** The frame looked up for a host time: the generated picture (top-down RGB) or why there is none. */
    public record Lookup(byte[] rgb, int width, int height, String status) {
        public boolean hit() {
            return rgb != null;
        }
    }

    public ShotSetup setup() {
        syncFromFile();
        return setup;
    }

    /**
     * On instance creation: the setup file (the panel's edits) wins, then the stored document, with the parameters
     * (which the host saved too) laid over it.
     */
    private void load() {
        ShotSetup stored = parseLenient(params.string(SETUP_JSON));
        setup = SetupMapping.fromParams(params, stored);
        if (!syncFromFile()) {
            store();
        }
    }

    /** A parameter changed: the document follows and is stored again. */
    public void paramsChanged() {
        setup = SetupMapping.fromParams(params, setup);
        store();
    }

    /** Reloads the setup file if it changed since it was last read or written; true if it did. */
    private boolean syncFromFile() {
        Path file = setupFile();
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (t.equals(setupFileTime)) {
                return false;
            }
            ShotSetup fromFile = new ShotSetupFile().load(file);
            setupFileTime = t;
            if (fromFile.equals(setup)) {
                return false;
            }
            setup = fromFile;
            SetupMapping.toParams(setup, params);
            params.setString(SETUP_JSON, json(setup));
            return true;
        } catch (IOException | RuntimeException e) {
            status("cannot read the shot setup file: " + e.getMessage());
            return false;
        }
    }

    private void store() {
        params.setString(SETUP_JSON, json(setup));
        Path file = setupFile();
        if (file != null && problems().isEmpty()) {
            try {
                new ShotSetupFile().save(file, setup);
                setupFileTime = Files.getLastModifiedTime(file);
            } catch (IOException | RuntimeException e) {
                status("cannot save the shot setup file: " + e.getMessage());
            }
        }
    }

    private Path setupFile() {
        String f = params.string(SETUP_FILE).trim();
        return f.isEmpty() ? null : Path.of(f);
    }

    /** Relative paths in the setup are relative to the setup file's folder, else the source media's. */
    public Path baseDir() {
        Path file = setupFile();
        if (file != null) {
            return file.toAbsolutePath().getParent();
        }
        String media = setup.source() == null ? null : setup.source().media();
        return media == null || media.isBlank() ? Path.of("").toAbsolutePath()
                : Path.of(media).toAbsolutePath().getParent();
    }

    /** Why the setup cannot be generated (empty when it can). */
    public List<String> problems() {
        return ShotSetupValidator.problems(setup);
    }

    static String json(ShotSetup s) {
        try {
            return ShotSetupFile.JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ShotSetup parseLenient(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return ShotSetupFile.JSON.readValue(json, ShotSetup.class);
        } catch (IOException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------- frames

    private RenderCache cache() throws IOException {
        if (cache == null) {
            cache = new RenderCache(env.cacheRoot(), EffectEnvironment.CACHE_MAX_BYTES);
        }
        return cache;
    }

    private Path resolve(String path) {
        return ShotSetup.resolve(baseDir(), path);
    }

    private Path modelDir() {
        return setup.modelDirectory() == null ? null : resolve(setup.modelDirectory());
    }

    /** The cache key of window k of the current setup. */
    CacheKey key(int window) throws IOException {
        Path models = modelDir();
        if (modelId == null || !models.toString().equals(modelDirForId)) {
            modelId = ModelIdentity.of(models);
            modelDirForId = models.toString();
        }
        String source = hashes.of(resolve(setup.source().media()));
        List<String> audio = new ArrayList<>();
        for (Speaker s : setup.enabledSpeakers()) {
            audio.add(hashes.of(resolve(s.audio())));
        }
        return CacheKey.of(modelId, source, audio, setup.generationSettings(), window);
    }

    /** The 25-fps generated frame shown at source frame {@code time} (clip frames at {@code fps}); -1 before the shot. */
    int generatedIndex(double time, double fps) {
        double fromIn = time - setup.source().inFrame();
        if (fromIn < 0 || (setup.source().outFrame() != null && time >= setup.source().outFrame())) {
            return -1;
        }
        return (int) Math.floor(fromIn * 25.0 / fps + 1e-6);
    }

    /** The generated frame for a host time, from the cache (verified), or the reason there is none. */
    public Lookup lookup(double time, double fps) {
        syncFromFile();
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            return new Lookup(null, 0, 0, "shot setup incomplete: " + problems.get(0));
        }
        if (modelDir() == null) {
            return new Lookup(null, 0, 0, "set 'Model folder' to show generated frames");
        }
        int g = generatedIndex(time, fps);
        if (g < 0) {
            return new Lookup(null, 0, 0, "outside the shot's frames");
        }
        try {
            WindowLayout layout = WindowLayout.forModel(modelDir());
            int window = layout.windowOf(g);
            CacheKey key = key(window);
            Optional<byte[]> frame = cache().read(key, EntryWriter.frameName(g - layout.firstFrame(window)));
            if (frame.isEmpty()) {
                return new Lookup(null, 0, 0, cache().contains(key) ? "after the end of the audio"
                        : "not generated yet (window " + (window + 1) + ")");
            }
            Optional<byte[]> meta = cache().read(key, "window.json");
            int w = 0;
            int h = 0;
            if (meta.isPresent()) {
                var node = ShotSetupFile.JSON.readTree(meta.get());
                w = node.path("width").asInt();
                h = node.path("height").asInt();
            }
            return new Lookup(frame.get(), w, h, "generated (window " + (window + 1) + ")");
        } catch (IOException | BadInputException e) {
            return new Lookup(null, 0, 0, e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------- service

    private ServiceClient client() throws IOException {
        if (client != null) {
            try {
                client.health();
                return client;
            } catch (ServiceUnavailableException e) {
                client = null;
            }
        }
        client = ServiceClient.connectOrStart(env.stateDir(), env.serveCommand(), START_TIMEOUT);
        return client;
    }

    /** Queues this shot in the render service (started if needed); returns the job. */
    public JobStatus submit(int priority) throws IOException {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new BadInputException("the shot setup is incomplete: " + String.join("; ", problems));
        }
        JobStatus job = client().submit(setup, baseDir(), priority);
        jobId = job.id();
        return job;
    }

    /** The job this instance queued last, if it is still queued or running. */
    public Optional<JobStatus> activeJob() {
        return lastJob().filter(s -> s.state() == JobState.QUEUED || s.state() == JobState.RUNNING);
    }

    /** The last job this instance queued, as the service tells now (empty if none or unreachable). */
    public Optional<JobStatus> lastJob() {
        if (jobId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(client().status(jobId));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Generates the shot and waits for the end, reporting each event; {@code stop} (polled on every event) cancels
     * the job. A service that dies is reported with {@link ServiceUnavailableException}.
     */
    public JobStatus generate(Consumer<JobEvent> progress, BooleanSupplier stop) throws IOException {
        JobStatus job = submit(10);
        ServiceClient c = client;
        boolean[] cancelled = {false};
        return c.follow(job.id(), e -> {
            progress.accept(e);
            if (!cancelled[0] && stop.getAsBoolean()) {
                cancelled[0] = true;
                try {
                    c.cancel(job.id());
                } catch (ServiceUnavailableException ignored) {
                    // the follow loop reports a dead service
                }
            }
        });
    }

    /** Cancels this instance's job; false if there was none running. */
    public boolean cancel() throws IOException {
        Optional<JobStatus> job = activeJob();
        if (job.isEmpty()) {
            return false;
        }
        client().cancel(job.get().id());
        return true;
    }

    /**
     * Waits until the frame at {@code time} is generated (queueing the shot if no job of this instance runs),
     * polling the cache; stops early when {@code aborted} says so or the job ends without it.
     */
    public Lookup waitFor(double time, double fps, BooleanSupplier aborted) throws IOException, InterruptedException {
        Lookup l = lookup(time, fps);
        if (l.hit() || !problems().isEmpty() || modelDir() == null || generatedIndex(time, fps) < 0) {
            return l;
        }
        if (activeJob().isEmpty()) {
            submit(5);
        }
        while (!aborted.getAsBoolean()) {
            l = lookup(time, fps);
            if (l.hit()) {
                return l;
            }
            Optional<JobStatus> job = activeJob();
            if (job.isEmpty()) {
                JobStatus end = client().status(jobId);
                return lookupOr(time, fps, "generation ended (" + end.state().name().toLowerCase()
                        + (end.error() == null ? "" : ": " + end.error()) + ") without this frame");
            }
            Thread.sleep(100);
        }
        return new Lookup(null, 0, 0, "stopped by the host");
    }

    private Lookup lookupOr(double time, double fps, String why) {
        Lookup l = lookup(time, fps);
        return l.hit() ? l : new Lookup(null, 0, 0, why);
    }

    /** Starts the panel on this shot's setup file (saved first); a clear error if the command is missing. */
    public Process openPanel() throws IOException {
        Path file = setupFile();
        if (file == null) {
            throw new BadInputException("set 'Shot setup file' first: the panel edits the shot through that file");
        }
        if (!problems().isEmpty()) {
            // the panel can complete an unfinished setup; keep what there is
            Files.writeString(file, json(setup));
        } else {
            new ShotSetupFile().save(file, setup);
        }
        setupFileTime = Files.getLastModifiedTime(file);
        List<String> cmd = new ArrayList<>(env.panelCommand());
        cmd.add(file.toString());
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new BadInputException("cannot start the TalkFX panel (" + String.join(" ", cmd) + "): "
                    + e.getMessage() + "; install TalkFX's command-line tools or set TALKFX_HOME to the folder "
                    + "holding the talkfx launcher");
        }
    }

    private void status(String text) {
        params.setString(STATUS, text);
    }
}
