package org.talkfx.cache;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

/** A verified entry: where its files are, and what its manifest says. Files may vanish later (eviction). */
public record CacheEntry(CacheKey key, Path dir, Manifest manifest) {
    public List<String> fileNames() {
        return manifest.files().stream().map(Manifest.FileInfo::name).toList();
    }

    public Path file(String name) {
        if (manifest.file(name) == null) {
            throw new IllegalArgumentException("entry " + key + " has no file " + name);
        }
        return dir.resolve(name);
    }

    public JsonNode metadata() {
        return manifest.metadata();
    }
}
