package org.talkfx.cache;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A second process for the cache tests: {@code crash ROOT} starts an entry, writes two frames and dies without
 * committing; {@code fill ROOT MAX_BYTES FROM TO} writes entries FROM..TO-1 (the same keys from both processes
 * collide on purpose).
 */
public final class CacheWriterProcess {
    private CacheWriterProcess() {
    }

    static CacheKey key(int i) {
        return CacheKey.of("tiny-model", "source", List.of("audio"), Map.of("window_frames", 81), i);
    }

    static byte[] frame(int entry, int frame) {
        byte[] rgb = new byte[4 * 4 * 3 * 64];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (entry * 31 + frame * 7 + i);
        }
        return rgb;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        if (args[0].equals("crash")) {
            RenderCache cache = new RenderCache(root, 1L << 30);
            EntryWriter w = cache.begin(key(0));
            w.writeFrameRgb(0, frame(0, 0));
            w.writeFrameRgb(1, frame(0, 1));
            System.out.println("WROTE");
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        RenderCache cache = new RenderCache(root, Long.parseLong(args[2]));
        for (int i = Integer.parseInt(args[3]); i < Integer.parseInt(args[4]); i++) {
            try (EntryWriter w = cache.begin(key(i))) {
                for (int f = 0; f < 3; f++) {
                    w.writeFrameRgb(f, frame(i, f));
                }
                w.commit(JsonNodeFactory.instance.objectNode().put("window", i));
            }
            cache.get(key(i / 2));
        }
    }
}
