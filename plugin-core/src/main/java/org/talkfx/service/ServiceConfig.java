package org.talkfx.service;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@code talkfx serve} runs. {@code host} must be a loopback address unless {@code allowRemote};
 * {@code port} 0 picks a free port. {@code mediaRoots}: the only folders jobs may read. {@code maxBodyBytes}
 * bounds request bodies.
 */
public record ServiceConfig(String host, int port, boolean allowRemote, Path stateDir, List<Path> mediaRoots,
                            Path modelDirectory, Path cacheDir, long cacheMaxBytes, int maxBodyBytes, Path gpuLockFile) {
    public static final int DEFAULT_MAX_BODY = 1 << 20;

    public ServiceConfig {
        mediaRoots = List.copyOf(mediaRoots);
        if (mediaRoots.isEmpty()) {
            throw new IllegalArgumentException("at least one media root is needed");
        }
    }

    /** Loopback on a free port, state in {@code stateDir}, everything else as given. */
    public static ServiceConfig local(Path stateDir, List<Path> mediaRoots, Path cacheDir, Path gpuLockFile) {
        return new ServiceConfig("127.0.0.1", 0, false, stateDir, mediaRoots, null, cacheDir, 10L << 30,
                DEFAULT_MAX_BODY, gpuLockFile);
    }
}
