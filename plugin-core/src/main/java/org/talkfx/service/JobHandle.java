package org.talkfx.service;

/** What a running window sees of its job: cancellation and step progress. */
public interface JobHandle {
    boolean cancelled();

    /** Throws {@link JobCancelledException} once the job is cancelled; call it between steps. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new JobCancelledException();
        }
    }

    /** Reports that {@code done} of {@code total} sampler steps of the current window are finished. */
    void step(int done, int total);
}
