package org.talkfx.service;

import java.util.List;

/** The service answered with an error: HTTP status, its message and, for invalid setups, the problems. */
public final class ServiceApiException extends RuntimeException {
    private final int status;
    private final List<String> problems;

    public ServiceApiException(int status, String message, List<String> problems) {
        super("render service: " + message + " (HTTP " + status + ")");
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }
}
