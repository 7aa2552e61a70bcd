package org.talkfx.timeline;

import java.nio.file.Path;

/** Where a clip's media lives. {@code availableRange} is the media's own extent, or null when unknown. */
public sealed interface MediaReference {
    String name();

    TimeRange availableRange();

    /**
     * {@code ExternalReference}: a URL as written in the file, and the local file it denotes (null for non-file
     * URLs such as http); {@code exists} says whether that file is there now.
     */
    record External(String name, String targetUrl, Path path, boolean exists, TimeRange availableRange)
            implements MediaReference {
    }

    /** {@code MissingReference}: the editor knew the clip but not its media. */
    record Missing(String name, TimeRange availableRange) implements MediaReference {
    }

    /** Generators, image sequences and any other reference kind we keep but do not resolve. */
    record Other(String schema, String name, TimeRange availableRange) implements MediaReference {
    }
}
