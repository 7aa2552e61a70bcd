package org.talkfx.cache;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code manifest.json} of an entry: its key, when it was written, the files with their sizes and SHA-256, and
 * free-form metadata from the writer (frame size, pixel format, window range...). Written last, so an entry
 * folder without a valid manifest is never an entry.
 */
public record Manifest(int format, String key, long createdMillis, List<FileInfo> files, JsonNode metadata) {
    public static final int FORMAT = 1;
    public static final String FILE_NAME = "manifest.json";

    public record FileInfo(String name, long bytes, String sha256) {
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileInfo::bytes).sum();
    }

    public FileInfo file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
