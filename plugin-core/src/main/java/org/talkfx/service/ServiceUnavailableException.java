package org.talkfx.service;

import java.io.IOException;

/** The render service cannot be reached, or stopped answering (e.g. it died while a job was being followed). */
public final class ServiceUnavailableException extends IOException {
    private final transient JobStatus lastStatus;

    public ServiceUnavailableException(String message, JobStatus lastStatus, Throwable cause) {
        super(message, cause);
        this.lastStatus = lastStatus;
    }

    /** What the client last heard about the job it was following, or null. */
    public JobStatus lastStatus() {
        return lastStatus;
    }
}
