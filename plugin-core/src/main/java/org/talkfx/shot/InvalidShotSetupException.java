package org.talkfx.shot;

import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.List;

/** A shot setup that cannot be used; each problem names the JSON path, e.g. {@code $.speakers[1].gain_db: ...}. */
public final class InvalidShotSetupException extends BadInputException {
    private final List<String> problems;

    public InvalidShotSetupException(Path file, List<String> problems, Throwable cause) {
        super(file, problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems), cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
