package org.talkfx.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.UUID;

/**
 * Writes that readers never see half done: content goes to a temporary name in the same folder, is forced to
 * disk, then renamed over the target in one step. A crash leaves either the old file or the new one (plus, at
 * worst, a stray {@code .tmp-*} file that nothing reads).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    /**
     * Replaces {@code target} with {@code content}; with {@code keepBackup}, the previous version (if any) is
     * first copied to {@code <name>.bak}, itself atomically.
     */
    public static void write(Path target, byte[] content, boolean keepBackup, FileAttribute<?>... attributes)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = tempSibling(target);
        try {
            try (FileChannel ch = FileChannel.open(Files.createFile(tmp, attributes), StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (keepBackup && Files.isRegularFile(target)) {
                Path bakTmp = tempSibling(target);
                Files.copy(target, bakTmp, StandardCopyOption.COPY_ATTRIBUTES);
                move(bakTmp, target.resolveSibling(target.getFileName() + ".bak"));
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames atomically, replacing the target; falls back to a plain replace where the file system cannot. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Path tempSibling(Path target) {
        return target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    }
}
