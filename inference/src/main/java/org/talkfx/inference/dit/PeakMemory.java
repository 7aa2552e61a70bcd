package org.talkfx.inference.dit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of this process on Linux: writing "5" to {@code /proc/self/clear_refs} resets the
 * high-water mark {@code VmHWM}, so native (libtorch) allocations of one step can be measured.
 */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    static boolean supported() {
        return Files.isReadable(STATUS) && Files.isWritable(CLEAR_REFS);
    }

    /** Resets the peak to the current resident size and returns that size in bytes. */
    static long reset() throws IOException {
        Files.writeString(CLEAR_REFS, "5");
        return field("VmRSS:");
    }

    /** Peak resident bytes since the last {@link #reset}. */
    static long peak() throws IOException {
        return field("VmHWM:");
    }

    private static long field(String name) throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IOException(name + " not in " + STATUS);
    }
}
