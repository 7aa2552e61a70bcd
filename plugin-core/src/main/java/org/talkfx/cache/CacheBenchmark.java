package org.talkfx.cache;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writing, verifying and reading one window (81 frames of 832x480 RGB, the 480p InfiniteTalk window) in the cache. */
public final class CacheBenchmark implements Benchmark {
    private static final int WIDTH = 832;
    private static final int HEIGHT = 480;

    @Override
    public String name() {
        return "cache.window.832x480";
    }

    @Override
    public String description() {
        return "render cache: commit one 81-frame window (fsync + rename), verified read, one-frame read";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int frames = ctx.quick() ? 9 : 81;
        byte[][] rgb = new byte[frames][WIDTH * HEIGHT * 3];
        Random r = new Random(1);
        for (byte[] f : rgb) {
            r.nextBytes(f);
        }
        double mb = frames * (double) rgb[0].length / 1e6;
        Path root = Files.createTempDirectory("talkfx-cache-bench");
        try {
            RenderCache cache = new RenderCache(root, 1L << 40);
            int[] n = {0};
            double write = BenchContext.medianSeconds(1, ctx.iterations(5), () -> {
                try (EntryWriter w = cache.begin(CacheKey.of("bench", "src", List.of(), Map.of(), n[0]++))) {
                    for (int i = 0; i < frames; i++) {
                        w.writeFrameRgb(i, rgb[i]);
                    }
                    w.commit(JsonNodeFactory.instance.objectNode());
                }
            });
            CacheKey key = CacheKey.of("bench", "src", List.of(), Map.of(), 0);
            double verify = BenchContext.medianSeconds(1, ctx.iterations(5), () -> cache.get(key).orElseThrow());
            double one = BenchContext.medianSeconds(2, ctx.iterations(20), () -> cache.read(key, EntryWriter.frameName(frames / 2)).orElseThrow());
            String note = frames + " frames, " + String.format("%.1f", mb) + " MB";
            ctx.report("commit window", write, "s", note);
            ctx.report("commit throughput", mb / write, "MB/s", note);
            ctx.report("verified get (sha256 of every file)", verify, "s", note);
            ctx.report("read one verified frame", one * 1000, "ms", WIDTH + "x" + HEIGHT + " RGB");
        } finally {
            RenderCache.deleteTree(root);
        }
    }
}
