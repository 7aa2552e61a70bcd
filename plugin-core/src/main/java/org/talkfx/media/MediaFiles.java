package org.talkfx.media;

import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Checks on input and output paths made before FFmpeg sees them, so that the user gets a plain message. */
public final class MediaFiles {
    private MediaFiles() {
    }

    /** A readable, non-empty regular file, or a BadInputException saying what is wrong with it. */
    public static Path requireReadableFile(Path file) {
        if (file == null) {
            throw new BadInputException("no input file given");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file, "is a directory, not a media file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file, "file does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException(file, "is not a readable file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new BadInputException(file, "file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file size: " + e.getMessage(), e);
        }
        return file;
    }

    /** The output's directory exists and can be written; the output itself is not a directory. */
    public static void requireWritableTarget(Path output) {
        Path abs = output.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException(output, "output directory " + dir + " does not exist or is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException(output, "output directory " + dir + " is not writable");
        }
    }

    /**
     * A hidden sibling name for writing {@code output} before it is complete, carrying this process's id. Partial files
     * of the same output left by processes that no longer exist (a killed render or batch) are removed first, so a
     * rerun leaves nothing half-written behind; a live writer's partial is never touched.
     */
    static Path temporarySibling(Path output) {
        Path abs = output.toAbsolutePath();
        removeAbandonedPartials(abs);
        return abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
                + UUID.randomUUID().toString().substring(0, 8) + ".partial");
    }

    private static void removeAbandonedPartials(Path abs) {
        String prefix = "." + abs.getFileName() + ".";
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var siblings = Files.list(dir)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !name.endsWith(".partial")) {
                    continue;
                }
                String[] parts = name.substring(prefix.length()).split("\\.");
                long pid;
                try {
                    pid = parts.length == 3 ? Long.parseLong(parts[0]) : -1;
                } catch (NumberFormatException e) {
                    pid = -1;
                }
                // partials without a pid come from older builds: no writer can still own them after a restart
                if (pid < 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover partial is hidden and harmless to the output being written now
        }
    }

    /** Moves a finished temporary file or directory over {@code output}. */
    static void commit(Path temp, Path output) {
        try {
            if (Files.isDirectory(output)) {
                Files.delete(output); // only ever an empty directory: the encoder refuses non-empty ones
            }
            Files.move(temp, output.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException(output, "cannot move the finished output into place: " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: the caller is already reporting the real failure.
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (var children = Files.list(path)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
