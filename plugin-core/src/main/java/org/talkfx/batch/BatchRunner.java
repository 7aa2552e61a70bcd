package org.talkfx.batch;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.Hashing;
import org.talkfx.cache.RenderCache;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.GenerationCancelledException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a planned batch on this machine: shots whose earlier result is still valid are skipped, the others run on a
 * pool of workers, one shot per GPU at a time (one worker when there is no GPU). A failing shot is recorded and
 * the others go on. Each shot's own console output goes to {@code <work>/logs/<shot>.log}.
 */
public final class BatchRunner {
    private final RenderCache cache;
    private final BatchReport report;
    private final Path logs;
    private final List<Integer> devices;
    private final PrintStream console;
    private final AtomicBoolean cancelled;
    private final SpeedProfile speed;

    /**
     * @param devices one entry per worker: a GPU index, or -1 for the engine's default device
     */
    public BatchRunner(RenderCache cache, BatchReport report, Path workDir, List<Integer> devices, PrintStream console,
                       AtomicBoolean cancelled, SpeedProfile speed) {
        this.cache = cache;
        this.report = report;
        this.logs = workDir.resolve("logs");
        this.devices = List.copyOf(devices);
        this.console = console;
        this.cancelled = cancelled;
        this.speed = speed;
    }

    /** Runs every shot; true when all of them are done (or were done before). */
    public boolean run(List<BatchPlan.Planned> plan) throws InterruptedException {
        Map<String, ShotRecord> before = new HashMap<>();
        BatchReport.previous(report.file()).ifPresent(d -> d.shots().forEach(r -> before.put(r.id(), r)));
        BatchProgress progress = new BatchProgress(console, cancelled, plan.size());
        List<BatchPlan.Planned> todo = new java.util.ArrayList<>();
        for (BatchPlan.Planned p : plan) {
            if (!p.ok()) {
                report.put(record(p, ShotRecord.FAILED, p.error()));
                progress.settled(p.id());
                progress.finished(p.id(), "failed", p.error());
                continue;
            }
            ShotRecord old = before.get(p.id());
            if (old != null && stillValid(old, p)) {
                report.put(old.withStatus(ShotRecord.SKIPPED, null));
                progress.settled(p.id());
                progress.finished(p.id(), "skipped", "done by an earlier run, output unchanged (" + old.output() + ")");
                continue;
            }
            report.put(record(p, ShotRecord.PENDING, null));
            todo.add(p);
        }
        LinkedBlockingQueue<Integer> free = new LinkedBlockingQueue<>(devices);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(devices.size(), todo.size())), r -> {
            Thread t = new Thread(r, "talkfx-batch-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            for (BatchPlan.Planned p : todo) {
                pool.execute(() -> {
                    Integer gpu = null;
                    try {
                        gpu = free.take();
                        runShot(p, gpu, progress);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        if (gpu != null) {
                            free.add(gpu);
                        }
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // waiting; Ctrl-C sets the cancel flag, which the running shots poll
            }
        } finally {
            pool.shutdownNow();
        }
        return report.shots().stream().allMatch(ShotRecord::finished);
    }

    private void runShot(BatchPlan.Planned p, int gpu, BatchProgress progress) {
        if (cancelled.get()) {
            report.put(record(p, ShotRecord.CANCELLED, "the batch was cancelled before this shot started"));
            return;
        }
        String where = gpu < 0 ? "the default device" : "GPU " + gpu;
        report.put(record(p, ShotRecord.RUNNING, null).withGpu(where));
        long t0 = System.nanoTime();
        try (PrintStream log = log(p.id())) {
            SpeedProfile.Timer timer = new SpeedProfile.Timer(progress.shot(p.id(), where));
            try {
                ShotRender.Result r = ShotRender.run(p.prepared(), cache, log, cancelled, timer,
                        gpu < 0 ? null : Device.gpu(gpu));
                report.put(done(p, r.sidecar(), r.outputSha256(), where, (System.nanoTime() - t0) / 1e9));
                speed.record(p.prepared(), r.sidecar(), timer);
                progress.finished(p.id(), "done", p.prepared().output().toString());
            } catch (GenerationCancelledException e) {
                report.put(record(p, ShotRecord.CANCELLED, "cancelled; finished windows are in the cache"));
                progress.finished(p.id(), "cancelled", null);
            } catch (BadInputException e) {
                report.put(record(p, ShotRecord.FAILED, e.getMessage()).withGpu(where));
                progress.finished(p.id(), "failed", e.getMessage());
            } catch (RuntimeException | OutOfMemoryError e) {
                e.printStackTrace(log);
                String msg = e.getClass().getSimpleName() + ": " + e.getMessage() + " (details in " + logs.resolve(
                        p.id() + ".log") + ")";
                report.put(record(p, ShotRecord.FAILED, msg).withGpu(where));
                progress.finished(p.id(), "failed", msg);
            }
        }
    }

    private PrintStream log(String id) {
        try {
            Files.createDirectories(logs);
            return new PrintStream(Files.newOutputStream(logs.resolve(id + ".log")), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.println("note: cannot write the log of " + id + " (" + e.getMessage() + "); discarding it");
            return new PrintStream(OutputStream.nullOutputStream());
        }
    }

    /** Done before, same job (same inputs, settings and output), and the output on disk is the one recorded. */
    private static boolean stillValid(ShotRecord old, BatchPlan.Planned p) {
        if (!old.finished() || old.outputSha256() == null || old.jobSha256() == null) {
            return false;
        }
        return old.jobSha256().equals(jobSha(p)) && old.outputSha256().equals(OutputHash.of(p.prepared().output()))
                && Files.isRegularFile(p.prepared().sidecar());
    }

    private static String jobSha(BatchPlan.Planned p) {
        try {
            return p.jobFile() != null && Files.isRegularFile(p.jobFile()) ? Hashing.sha256(p.jobFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static ShotRecord record(BatchPlan.Planned p, String status, String error) {
        PreparedShot s = p.prepared();
        return new ShotRecord(p.id(), p.job() == null ? null : p.job().shot(), p.job() == null ? null : p.job().lang(),
                status, s == null ? null : s.output().toString(), null, s == null ? null : s.sidecar().toString(),
                p.jobFile() == null ? null : p.jobFile().toString(), jobSha(p), error, null, null, null, null, null,
                null, s == null ? null : JobJson.JSON.valueToTree(s.keySettings()));
    }

    private static ShotRecord done(BatchPlan.Planned p, ObjectNode sidecar, String outputSha, String where,
                                   double seconds) {
        JsonNode frames = sidecar.path("frames");
        ObjectNode timings = sidecar.path("timings_s").deepCopy();
        timings.put("total", Math.round(seconds * 1000) / 1000.0);
        PreparedShot s = p.prepared();
        return new ShotRecord(p.id(), p.job().shot(), p.job().lang(), ShotRecord.DONE, s.output().toString(), outputSha,
                s.sidecar().toString(), p.jobFile().toString(), jobSha(p), null, sidecar.path("model").asText(),
                frames.path("windows").asInt(), frames.path("windows_from_cache").asInt(),
                frames.path("output").asInt(), where, timings, JobJson.JSON.valueToTree(s.keySettings()));
    }
}
