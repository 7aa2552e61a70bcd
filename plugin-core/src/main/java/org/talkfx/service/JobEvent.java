package org.talkfx.service;

/**
 * One server-sent event: {@code type} is "status" (a snapshot, first on every stream), "progress" (a step),
 * "window" (a window is in the cache; {@code cached} says whether it was there already), or "end" (terminal
 * state reached; the stream closes after it). Every event carries the job's current status.
 */
public record JobEvent(String type, Integer window, Boolean cached, String cacheKey, JobStatus status) {
}
