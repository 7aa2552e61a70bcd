package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One shot's line in the batch report.
 *
 * @param status    pending, running, done, skipped (done by an earlier run, output verified), failed, cancelled
 * @param timingsS  decode, generate and encode seconds of the render, plus total
 * @param settings  the settings that decided the pixels (the cache key's settings)
 */
public record ShotRecord(String id, String shot, String lang, String status, String output, String outputSha256,
                         String sidecar, String jobFile, String jobSha256, String error, String model,
                         Integer windows, Integer windowsFromCache, Integer frames, String gpu, JsonNode timingsS,
                         JsonNode settings) {
    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String CANCELLED = "cancelled";

    public boolean finished() {
        return DONE.equals(status) || SKIPPED.equals(status);
    }

    ShotRecord withGpu(String where) {
        return new ShotRecord(id, shot, lang, status, output, outputSha256, sidecar, jobFile, jobSha256, error,
                model, windows, windowsFromCache, frames, where, timingsS, settings);
    }

    ShotRecord withStatus(String newStatus, String newError) {
        return new ShotRecord(id, shot, lang, newStatus, output, outputSha256, sidecar, jobFile, jobSha256, newError,
                model, windows, windowsFromCache, frames, gpu, timingsS, settings);
    }
}
