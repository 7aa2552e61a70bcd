package org.talkfx.common;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps DJL and JavaCPP off the network and their unpacked natives in a directory we choose. Must run before the
 * first DJL or JavaCPP class initialises; the launcher and surefire also pass the same settings on the command
 * line, this is the safety net for embedders (the OFX bridge, tests run from an IDE).
 */
public final class RuntimeSetup {
    private RuntimeSetup() {
    }

    /** The directory natives are unpacked into: {@code talkfx.nativeCache}, else {@code ~/.cache/talkfx/native}. */
    public static Path nativeCacheDir() {
        String configured = System.getProperty("talkfx.nativeCache");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String djl = System.getProperty("ENGINE_CACHE_DIR");
        if (djl != null && !djl.isBlank()) {
            return Path.of(djl).getParent();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "talkfx", "native");
    }

    /** Idempotent; only fills in properties nobody set. */
    public static void apply() {
        Path cache = nativeCacheDir();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("offline", "true");
        setIfAbsent("DJL_CACHE_DIR", cache.resolve("djl").toString());
        setIfAbsent("ENGINE_CACHE_DIR", cache.resolve("djl").toString());
        setIfAbsent("org.bytedeco.javacpp.cachedir", cache.resolve("javacpp").toString());
        try {
            Files.createDirectories(cache);
        } catch (java.io.IOException e) {
            throw new BadInputException(cache, "cannot create the native library cache directory: " + e.getMessage(), e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
