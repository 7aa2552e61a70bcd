package org.talkfx.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.CacheKey;
import org.talkfx.cache.ContentHashes;
import org.talkfx.cache.EntryWriter;
import org.talkfx.cache.RenderCache;
import org.talkfx.common.BadInputException;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one job: plans its windows, skips those already in the cache, has the executor generate the rest in
 * order, and commits each as one cache entry. Cancellation between steps discards the window in progress.
 */
final class JobRunner {
    private final JobExecutor executor;
    private final RenderCache cache;
    private final MediaPolicy policy;
    private final BooleanSupplier stopping;
    private final ContentHashes hashes = new ContentHashes();

    JobRunner(JobExecutor executor, RenderCache cache, MediaPolicy policy, BooleanSupplier stopping) {
        this.executor = executor;
        this.cache = cache;
        this.policy = policy;
        this.stopping = stopping;
    }

    /** Runs the job to a terminal state; returns false when interrupted by a service shutdown (job stays stored). */
    boolean run(Job job) {
        job.started();
        try {
            ShotSetup setup = new ShotSetupFile().parse(Path.of("job " + job.id), ShotSetupFile.JSON.writeValueAsBytes(job.setupJson));
            ShotInputs inputs = policy.resolve(setup, job.baseDir);
            ShotPlan plan = ShotPlan.of(executor, inputs, hashes);
            List<CacheKey> keys = plan.windowKeys();
            int n = plan.windowCount();
            job.running(n);
            JobHandle handle = new JobHandle() {
                @Override
                public boolean cancelled() {
                    return job.cancelRequested() || stopping.getAsBoolean() || Thread.currentThread().isInterrupted();
                }

                @Override
                public void step(int done, int total) {
                    job.step(done, total);
                }
            };
            for (int i = 0; i < n; i++) {
                handle.checkCancelled();
                job.windowStarted(i);
                CacheKey key = keys.get(i);
                if (cache.get(key).isPresent()) {
                    job.windowDone(i, true, key.hex());
                    continue;
                }
                CacheKey previous = i == 0 ? null : keys.get(i - 1);
                WindowContext ctx = new WindowContext(i, n, key, () -> cache.get(previous));
                try (EntryWriter out = cache.begin(key)) {
                    executor.generateWindow(inputs, ctx, out, handle);
                    handle.checkCancelled();
                    ObjectNode meta = ShotSetupFile.JSON.createObjectNode();
                    meta.put("window", i).put("windows", n).put("model", plan.modelIdentity()).put("executor", executor.name());
                    out.commit(meta);
                }
                job.windowDone(i, false, key.hex());
            }
            job.finish(JobState.DONE, null);
        } catch (JobCancelledException | InterruptedException e) {
            if (shuttingDown(job)) {
                return false;
            }
            job.finish(JobState.CANCELLED, null);
        } catch (BadInputException | PathRefusedException e) {
            job.finish(JobState.FAILED, e.getMessage());
        } catch (Exception | LinkageError e) {
            if (shuttingDown(job)) {
                return false;
            }
            job.finish(JobState.FAILED, e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return true;
    }

    /** The service is stopping and the user did not cancel: the job stays stored and resumes after a restart. */
    private boolean shuttingDown(Job job) {
        return !job.cancelRequested() && (stopping.getAsBoolean() || Thread.currentThread().isInterrupted());
    }
}
