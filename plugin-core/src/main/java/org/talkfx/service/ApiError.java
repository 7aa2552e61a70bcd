package org.talkfx.service;

import java.util.List;

/** An HTTP error answer: status, message, and for invalid setups the list of problems with JSON paths. */
final class ApiError extends RuntimeException {
    final int status;
    final List<String> problems;

    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    ApiError(int status, String message, List<String> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = problems;
    }
}
