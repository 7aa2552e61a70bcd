package org.talkfx.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** One submitted shot inside the service: its request, its live state, and the event streams following it. */
final class Job {
    final String id;
    final int priority;
    final long sequence;
    final long submittedMillis;
    final JsonNode setupJson;
    final Path baseDir;
    final boolean resumed;
    private final List<BlockingQueue<JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelRequested;

    private JobState state = JobState.QUEUED;
    private Integer windows;
    private int window;
    private int step;
    private int steps;
    private int windowsDone;
    private int windowsCached;
    private String error;

    Job(String id, int priority, long sequence, long submittedMillis, JsonNode setupJson, Path baseDir, boolean resumed) {
        this.id = id;
        this.priority = priority;
        this.sequence = sequence;
        this.submittedMillis = submittedMillis;
        this.setupJson = setupJson;
        this.baseDir = baseDir;
        this.resumed = resumed;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    synchronized JobState state() {
        return state;
    }

    synchronized JobStatus status() {
        double fraction;
        if (state == JobState.DONE) {
            fraction = 1;
        } else if (windows == null || windows == 0) {
            fraction = 0;
        } else {
            fraction = (windowsDone + (steps > 0 ? (double) step / steps : 0)) / windows;
        }
        return new JobStatus(id, state, priority, submittedMillis, windows, window, step, steps, windowsDone,
                windowsCached, Math.min(1, fraction), error, resumed);
    }

    /** Follows this job: the queue gets a status snapshot now, then every event; "end" is the last one. */
    synchronized BlockingQueue<JobEvent> subscribe() {
        BlockingQueue<JobEvent> q = new LinkedBlockingQueue<>();
        q.add(new JobEvent("status", null, null, null, status()));
        if (state.terminal()) {
            q.add(new JobEvent("end", null, null, null, status()));
        } else {
            listeners.add(q);
        }
        return q;
    }

    void unsubscribe(BlockingQueue<JobEvent> q) {
        listeners.remove(q);
    }

    synchronized void running(int windowCount) {
        state = JobState.RUNNING;
        windows = windowCount;
        publish(new JobEvent("status", null, null, null, status()));
    }

    synchronized void started() {
        state = JobState.RUNNING;
        publish(new JobEvent("status", null, null, null, status()));
    }

    synchronized void windowStarted(int index) {
        window = index;
        step = 0;
        steps = 0;
    }

    synchronized void step(int done, int total) {
        step = done;
        steps = total;
        publish(new JobEvent("progress", window, null, null, status()));
    }

    synchronized void windowDone(int index, boolean cached, String key) {
        window = index;
        windowsDone++;
        if (cached) {
            windowsCached++;
        }
        step = 0;
        steps = 0;
        publish(new JobEvent("window", index, cached, key, status()));
    }

    /** Moves to a terminal state (once) and closes every event stream. */
    synchronized boolean finish(JobState end, String message) {
        if (state.terminal()) {
            return false;
        }
        state = end;
        error = message;
        publish(new JobEvent("end", null, null, null, status()));
        listeners.clear();
        return true;
    }

    private void publish(JobEvent e) {
        for (BlockingQueue<JobEvent> q : listeners) {
            q.add(e);
        }
    }
}
