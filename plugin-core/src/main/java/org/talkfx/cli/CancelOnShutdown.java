package org.talkfx.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C / SIGTERM into a cancel flag for long commands (render, batch): the shutdown hook raises the flag and
 * waits up to 30 s for the command's thread to clean up (no half-written output), instead of the JVM dying mid-write.
 * Closing it removes the hook when the command ends normally.
 */
public final class CancelOnShutdown implements AutoCloseable {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Thread hook;

    public CancelOnShutdown() {
        Thread owner = Thread.currentThread();
        hook = new Thread(() -> {
            cancelled.set(true);
            try {
                owner.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public AtomicBoolean flag() {
        return cancelled;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running and waits for the command's thread
        }
    }
}
