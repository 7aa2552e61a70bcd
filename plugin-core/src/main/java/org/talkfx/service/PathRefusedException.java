package org.talkfx.service;

/** A job named a file the service may not read (outside the media roots, through "..", or via a symlink). */
public final class PathRefusedException extends RuntimeException {
    public PathRefusedException(String message) {
        super(message);
    }
}
