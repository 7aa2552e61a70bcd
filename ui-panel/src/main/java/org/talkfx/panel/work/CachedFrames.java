package org.talkfx.panel.work;

import com.fasterxml.jackson.databind.JsonNode;
import org.talkfx.cache.CacheEntry;
import org.talkfx.cache.CacheKey;
import org.talkfx.cache.EntryWriter;
import org.talkfx.cache.RenderCache;
import org.talkfx.inference.face.RgbFrame;

import java.util.Optional;

/** Generated frames read back from the render cache (verified reads) for the preview. */
public final class CachedFrames {
    private CachedFrames() {
    }

    /**
     * Frame {@code index} of the window stored under {@code key}. The size comes from the entry's metadata
     * ({@code width}, {@code height}) when the engine wrote it, else from the byte count and the source's aspect.
     */
    public static Optional<RgbFrame> frame(RenderCache cache, CacheKey key, int index, int sourceWidth, int sourceHeight) {
        Optional<CacheEntry> entry = cache.get(key);     // verifies every file of the entry
        if (entry.isEmpty() || !entry.get().fileNames().contains(EntryWriter.frameName(index))) {
            return Optional.empty();
        }
        Optional<byte[]> rgb;
        try {
            rgb = Optional.of(java.nio.file.Files.readAllBytes(entry.get().file(EntryWriter.frameName(index))));
        } catch (java.io.IOException e) {
            return Optional.empty();    // evicted between the check and the read: the next window will show
        }
        JsonNode meta = entry.get().metadata();
        int pixels = rgb.get().length / 3;
        int w = meta == null ? 0 : meta.path("width").asInt(0);
        int h = meta == null ? 0 : meta.path("height").asInt(0);
        if (w <= 0 || h <= 0 || w * h != pixels) {
            double aspect = sourceWidth / (double) sourceHeight;
            h = (int) Math.round(Math.sqrt(pixels / aspect));
            w = h == 0 ? 0 : pixels / h;
            if (w * h != pixels) {
                return Optional.empty();
            }
        }
        return Optional.of(new RgbFrame(w, h, rgb.get()));
    }
}
