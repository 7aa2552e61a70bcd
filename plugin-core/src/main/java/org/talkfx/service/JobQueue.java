package org.talkfx.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's jobs: waiting ones by priority (higher first, then submission order), every unfinished one stored
 * on disk, and the last {@value #MAX_FINISHED_KEPT} finished ones kept for status queries.
 */
final class JobQueue {
    static final int MAX_QUEUED = 1000;
    private static final int MAX_FINISHED_KEPT = 200;

    private final JobStore store;
    private final PriorityBlockingQueue<Job> waiting = new PriorityBlockingQueue<>(16,
            Comparator.comparingInt((Job j) -> -j.priority).thenComparingLong(j -> j.sequence));
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Boolean> finishedOrder = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    /** Loads the jobs a previous service left unfinished; they wait again, in their old order. */
    JobQueue(JobStore store) throws IOException {
        this.store = store;
        for (Job j : store.load()) {
            jobs.put(j.id, j);
            waiting.add(j);
        }
    }

    boolean full() {
        return waiting.size() >= MAX_QUEUED;
    }

    int waitingCount() {
        return waiting.size();
    }

    Job submit(JsonNode setupJson, Path baseDir, int priority) throws IOException {
        Job job = new Job(UUID.randomUUID().toString(), priority, sequence.incrementAndGet(), System.currentTimeMillis(),
                setupJson, baseDir, false);
        store.save(job);
        jobs.put(job.id, job);
        waiting.add(job);
        return job;
    }

    Job find(String id) {
        return jobs.get(id);
    }

    List<JobStatus> statuses() {
        return jobs.values().stream().sorted(Comparator.comparingLong(j -> j.sequence)).map(Job::status).toList();
    }

    /** The next job to run, or null after {@code timeout}. */
    Job next(long timeout, TimeUnit unit) throws InterruptedException {
        return waiting.poll(timeout, unit);
    }

    /** A waiting job ends at once; a running one at its next step (the runner sees the request). */
    JobStatus cancel(Job job) {
        job.requestCancel();
        if (waiting.remove(job)) {
            job.finish(JobState.CANCELLED, null);
            retire(job);
        }
        return job.status();
    }

    /** Forgets the stored copy of a finished job and keeps it in memory for a while. */
    void retire(Job job) {
        try {
            store.delete(job.id);
        } catch (IOException e) {
            System.err.println("talkfx serve: cannot delete the stored job " + job.id + ": " + e.getMessage());
        }
        synchronized (finishedOrder) {
            finishedOrder.put(job.id, Boolean.TRUE);
            for (Iterator<String> it = finishedOrder.keySet().iterator(); finishedOrder.size() > MAX_FINISHED_KEPT; ) {
                jobs.remove(it.next());
                it.remove();
            }
        }
    }
}
