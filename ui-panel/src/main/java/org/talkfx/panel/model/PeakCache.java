package org.talkfx.panel.model;

import org.talkfx.media.AudioDecoder;
import org.talkfx.media.AudioRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Waveform peaks per media file, decoded through the media layer on one background thread and kept per (path,
 * size, modification time): an edited file is decoded again, a file shown in several lanes once.
 */
public final class PeakCache implements AutoCloseable {
    /** 8 kHz keeps the envelope of speech and decodes fast; 200 buckets a second is finer than any lane zoom. */
    static final int DECODE_RATE = 8_000;
    static final double BUCKETS_PER_SECOND = 200;

    private record Key(Path path, long size, long modified) {
    }

    private final Map<Key, CompletableFuture<Peaks>> peaks = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "talkfx-panel-peaks");
        t.setDaemon(true);
        return t;
    });

    /** The peaks of {@code file}, computed once in the background; fails with the media layer's error. */
    public CompletableFuture<Peaks> get(Path file) {
        Key key;
        try {
            key = new Key(file.toAbsolutePath().normalize(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return peaks.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> compute(k.path()), worker));
    }

    /** Decodes {@code file} and reduces it (blocking). */
    public static Peaks compute(Path file) {
        var audio = AudioDecoder.decode(file, AudioRequest.whole().withSampleRate(DECODE_RATE));
        return Peaks.of(audio.samples(), audio.sampleRate(), BUCKETS_PER_SECOND);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
