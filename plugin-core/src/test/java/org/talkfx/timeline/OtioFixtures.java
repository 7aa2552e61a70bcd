package org.talkfx.timeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/fixtures/otio (the real OTIO sample files) through -Dtalkfx.shared, as the parent pom sets it. */
final class OtioFixtures {
    private OtioFixtures() {
    }

    static Path file(String name) {
        String p = System.getProperty("talkfx.shared");
        Path dir = (p != null ? Path.of(p) : Path.of("..", "..", "shared")).resolve("fixtures/otio");
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException(f.toAbsolutePath() + " not found (set -Dtalkfx.shared)");
        }
        return f;
    }
}
