package org.talkfx.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.CacheEntry;
import org.talkfx.cache.CacheKey;
import org.talkfx.cache.EntryWriter;
import org.talkfx.cache.RenderCache;
import org.talkfx.inference.pipeline.RgbImage;
import org.talkfx.inference.pipeline.WindowStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The render cache as the pipeline's window store: one entry per window under the cache key of the shot's inputs,
 * holding the window's new frames ({@code frame-NNNNNN.rgb}) and its float tail ({@code tail.f32}, little-endian),
 * which the next window continues from. A failing cache write only costs a regeneration later, so it warns.
 */
final class CacheWindowStore implements WindowStore {
    static final String TAIL = "tail.f32";

    private final RenderCache cache;
    private final String modelId;
    private final PreparedShot shot;
    private final Consumer<String> warn;

    CacheWindowStore(RenderCache cache, String modelId, PreparedShot shot, Consumer<String> warn) {
        this.cache = cache;
        this.modelId = modelId;
        this.shot = shot;
        this.warn = warn;
    }

    CacheKey key(int window) {
        return CacheKey.of(modelId, shot.sourceHash(), shot.audioHashes(), shot.keySettings(), window);
    }

    @Override
    public Optional<StoredWindow> load(int window) {
        Optional<CacheEntry> hit = cache.get(key(window));
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        CacheEntry e = hit.get();
        int count = e.metadata().path("frames").asInt(-1);
        int w = e.metadata().path("width").asInt(-1);
        int h = e.metadata().path("height").asInt(-1);
        if (count < 1 || w < 1 || h < 1) {
            return Optional.empty();
        }
        try {
            List<RgbImage> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                frames.add(new RgbImage(w, h, Files.readAllBytes(e.file(EntryWriter.frameName(i)))));
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(e.file(TAIL))).order(ByteOrder.LITTLE_ENDIAN);
            float[] tail = new float[b.remaining() / 4];
            b.asFloatBuffer().get(tail);
            return Optional.of(new StoredWindow(frames, tail));
        } catch (IOException | IllegalArgumentException ex) {
            warn.accept("cached window " + (window + 1) + " of shot " + shot.id() + " is unusable (" + ex.getMessage()
                    + "); generating it again");
            return Optional.empty();
        }
    }

    @Override
    public void save(int window, StoredWindow stored) {
        CacheKey key = key(window);
        try (EntryWriter w = cache.begin(key)) {
            for (int i = 0; i < stored.frames().size(); i++) {
                w.writeFrameRgb(i, stored.frames().get(i).rgb());
            }
            ByteBuffer b = ByteBuffer.allocate(stored.tail().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(stored.tail());
            w.write(TAIL, b.array());
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            RgbImage first = stored.frames().get(0);
            meta.put("window", window).put("frames", stored.frames().size()).put("width", first.width())
                    .put("height", first.height()).put("shot", shot.id()).put("model", modelId);
            w.commit(meta);
        } catch (IOException | RuntimeException e) {
            warn.accept("could not cache window " + (window + 1) + " of shot " + shot.id() + ": " + e.getMessage());
        }
    }
}
