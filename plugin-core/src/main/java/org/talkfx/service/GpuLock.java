package org.talkfx.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One GPU owner per machine: the service holds an OS lock on a machine-wide file for its whole life (released
 * by the OS when the process dies, however it dies). The file holds the owner's pid, for the error message.
 */
public final class GpuLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private GpuLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** {@code <java.io.tmpdir>/talkfx-gpu.lock}: shared by every user of the machine. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "talkfx-gpu.lock");
    }

    public static GpuLock acquire(Path file) throws IOException {
        FileChannel ch;
        try {
            boolean created = !Files.exists(file);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            if (created && ServiceFiles.posix()) {
                // Other users' services must be able to open it to find it locked.
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            }
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("cannot open the GPU lock " + file
                    + ": another user's TalkFX service probably owns the GPU on this machine", e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            // Another service inside this very process.
            lock = null;
        }
        if (lock == null) {
            String owner = Files.readString(file, StandardCharsets.US_ASCII).trim();
            ch.close();
            throw new IllegalStateException("another TalkFX service" + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                    + " already owns the GPU on this machine (lock " + file + ")");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new GpuLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
