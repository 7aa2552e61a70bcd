package org.talkfx.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fills one entry in a private temporary folder; {@link #commit} publishes it with one rename. Closing without
 * committing (cancel, error) deletes the temporary folder, and a crashed writer's folder is removed by the next
 * {@link RenderCache#cleanAbandonedWrites()}: its lock file is no longer locked.
 */
public final class EntryWriter implements AutoCloseable {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final RenderCache cache;
    private final CacheKey key;
    private final Path dir;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final List<Manifest.FileInfo> files = new ArrayList<>();
    private boolean done;

    EntryWriter(RenderCache cache, CacheKey key, Path dir, Path lockFile, FileChannel lockChannel) {
        this.cache = cache;
        this.key = key;
        this.dir = dir;
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
    }

    public CacheKey key() {
        return key;
    }

    /** The file name of frame {@code index} of a window, as raw 8-bit RGB ({@code width * height * 3} bytes). */
    public static String frameName(int index) {
        return String.format(Locale.ROOT, "frame-%06d.rgb", index);
    }

    public void writeFrameRgb(int index, byte[] rgb) throws IOException {
        write(frameName(index), rgb);
    }

    /** Adds a file; names are plain (letters, digits, {@code . _ -}), unique, and never {@code manifest.json}. */
    public void write(String name, byte[] content) throws IOException {
        if (done) {
            throw new IllegalStateException("entry " + key + " is already committed or closed");
        }
        if (!NAME.matcher(name).matches() || name.equals(Manifest.FILE_NAME)) {
            throw new IllegalArgumentException("not a usable cache file name: " + name);
        }
        if (files.stream().anyMatch(f -> f.name().equals(name))) {
            throw new IllegalArgumentException("file written twice: " + name);
        }
        writeDurably(dir.resolve(name), content);
        files.add(new Manifest.FileInfo(name, content.length, Hashing.sha256(content)));
    }

    /**
     * Writes the manifest and publishes the entry. When another writer published the same key first, that
     * entry is kept (same key, same content) and this one is discarded.
     */
    public CacheEntry commit(JsonNode metadata) throws IOException {
        if (done) {
            throw new IllegalStateException("entry " + key + " is already committed or closed");
        }
        Manifest m = new Manifest(Manifest.FORMAT, key.hex(), cache.clock().millis(), List.copyOf(files),
                metadata == null ? JsonNodeFactory.instance.objectNode() : metadata);
        writeDurably(dir.resolve(Manifest.FILE_NAME), RenderCache.JSON.writeValueAsBytes(m));
        try {
            return cache.publish(key, dir, m);
        } finally {
            close();
        }
    }

    /** Abandons the entry unless committed: removes the temporary folder. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            RenderCache.deleteTree(dir);
        } finally {
            // Closing the channel releases the lock, and unlike release() it works on an interrupted thread.
            lockChannel.close();
            Files.deleteIfExists(lockFile);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
