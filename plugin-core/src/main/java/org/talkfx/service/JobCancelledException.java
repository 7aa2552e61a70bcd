package org.talkfx.service;

/** Unwinds a window whose job was cancelled; the window's cache entry is discarded. */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("cancelled", null, false, false);
    }
}
