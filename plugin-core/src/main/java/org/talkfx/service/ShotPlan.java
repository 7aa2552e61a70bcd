package org.talkfx.service;

import org.talkfx.cache.CacheKey;
import org.talkfx.cache.ContentHashes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache keys of a shot's windows, in order. The service plans with it before generating; the effect and the
 * panel use the same call to find generated frames in the cache without asking the service.
 */
public record ShotPlan(String modelIdentity, List<CacheKey> windowKeys) {
    public ShotPlan {
        windowKeys = List.copyOf(windowKeys);
    }

    public static ShotPlan of(JobExecutor executor, ShotInputs inputs, ContentHashes hashes) throws Exception {
        String model = executor.modelIdentity(inputs);
        String source = hashes.of(inputs.source());
        List<String> audio = new ArrayList<>();
        for (Path a : inputs.audio()) {
            audio.add(hashes.of(a));
        }
        Object settings = inputs.setup().generationSettings();
        int n = executor.windowCount(inputs);
        List<CacheKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(CacheKey.of(model, source, audio, settings, i));
        }
        return new ShotPlan(model, keys);
    }

    public int windowCount() {
        return windowKeys.size();
    }
}
