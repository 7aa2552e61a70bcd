package org.talkfx.service;

import org.talkfx.cache.EntryWriter;

/**
 * The generation engine behind the render service, one window at a time. The service plans the shot, skips
 * windows already in the cache, and hands each missing window to {@link #generateWindow} with a writer for its
 * cache entry; the engine writes the window's frames and returns, and the service commits the entry. An engine
 * that throws (or sees {@link JobHandle#checkCancelled()} throw) leaves no entry behind.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.talkfx.service.JobExecutor}); {@code talkfx serve} picks the highest
 * {@link #priority()} unless {@code --executor NAME} says otherwise.
 */
public interface JobExecutor {
    /** Short name for {@code --executor}, e.g. "infinitetalk". */
    String name();

    default int priority() {
        return 0;
    }

    /**
     * What identifies the model's weights for cache keys (e.g. a hash over file names, sizes and headers):
     * different weights must give different identities. Must be cheap and must not load the model: the effect
     * calls it (through {@link ShotPlan}) inside the host process to find frames in the cache.
     */
    String modelIdentity(ShotInputs inputs) throws Exception;

    /** How many windows the shot needs (from the audio length, the source frames and the window size); cheap too. */
    int windowCount(ShotInputs inputs) throws Exception;

    /**
     * Generates one window's frames into {@code out} ({@link EntryWriter#writeFrameRgb}); windows run in order,
     * and {@code window.previous()} gives the window before (from the cache) for context frames.
     */
    void generateWindow(ShotInputs inputs, WindowContext window, EntryWriter out, JobHandle handle) throws Exception;
}
