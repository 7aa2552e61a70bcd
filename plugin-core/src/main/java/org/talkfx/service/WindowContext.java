package org.talkfx.service;

import org.talkfx.cache.CacheEntry;
import org.talkfx.cache.CacheKey;

import java.util.Optional;
import java.util.function.Supplier;

/** Which window is being generated, its cache key, and the previous window's entry (context frames). */
public record WindowContext(int index, int windowCount, CacheKey key, Supplier<Optional<CacheEntry>> previousEntry) {
    /** The window before this one, read and verified from the cache; empty for the first window. */
    public Optional<CacheEntry> previous() {
        return index == 0 ? Optional.empty() : previousEntry.get();
    }
}
