package org.talkfx.service;

/**
 * A job as the API shows it. {@code window} is the window being worked on (0-based), {@code windowsDone} how
 * many are in the cache (generated now or found there: {@code windowsCached}), {@code fraction} overall progress
 * in [0, 1]. {@code error} is set when the job failed.
 */
public record JobStatus(String id, JobState state, int priority, long submittedMillis, Integer windows,
                        int window, int step, int steps, int windowsDone, int windowsCached, double fraction,
                        String error, boolean resumed) {
}
