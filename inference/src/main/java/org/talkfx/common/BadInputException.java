package org.talkfx.common;

import java.nio.file.Path;

/**
 * Input the user gave us is unusable. The message always names the offending file (when there is one) and the
 * problem, so that the CLI, the OFX message suite and the panel can show it as it is, without a stack trace.
 */
public class BadInputException extends RuntimeException {
    private final transient Path file;

    public BadInputException(Path file, String problem) {
        this(file, problem, null);
    }

    public BadInputException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
    }

    public BadInputException(String problem) {
        this(null, problem, null);
    }

    /** The file the problem is about, or null when the problem is not about one file. */
    public Path file() {
        return file;
    }
}
