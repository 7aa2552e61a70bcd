package org.talkfx.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content hashes of media files, remembered per (path, size, modification time) so that a long source video is
 * hashed once per change, not once per cache look-up. One instance per process is enough; it holds no other state.
 */
public final class ContentHashes {
    private record Stamp(Path path, long size, long modifiedNanos) {
    }

    private final ConcurrentHashMap<Stamp, String> known = new ConcurrentHashMap<>();

    public String of(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
        Stamp stamp = new Stamp(abs, a.size(), a.lastModifiedTime().toInstant().toEpochMilli() * 1_000_000L
                + a.lastModifiedTime().toInstant().getNano() % 1_000_000);
        String h = known.get(stamp);
        if (h == null) {
            h = Hashing.sha256(abs);
            known.put(stamp, h);
        }
        return h;
    }
}
