package org.talkfx.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (parity fixtures, OTIO samples) and deps/ (downloaded test models and images). */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path shared() {
        String p = System.getProperty("talkfx.shared");
        Path dir = p != null ? Path.of(p) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared fixtures not found at " + dir.toAbsolutePath()
                    + " (set -Dtalkfx.shared)");
        }
        return dir;
    }

    public static Path parity(String caseName) {
        return shared().resolve("fixtures/parity/" + caseName + ".safetensors");
    }

    public static Path root() {
        String p = System.getProperty("talkfx.root");
        return p != null ? Path.of(p) : Path.of("..");
    }

    /** A file fetched by scripts/install-test-deps, e.g. {@code blazeface/package/ONNX/...}. */
    public static Path deps(String relative) {
        Path file = root().resolve("deps").resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: run scripts/install-test-deps");
        }
        return file;
    }
}
