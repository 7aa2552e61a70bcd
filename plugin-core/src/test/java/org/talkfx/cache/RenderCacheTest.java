package org.talkfx.cache;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.talkfx.cache.CacheWriterProcess.frame;
import static org.talkfx.cache.CacheWriterProcess.key;

class RenderCacheTest {
    @TempDir
    Path root;

    /** A clock the test moves by hand, so that last-use order does not depend on file-system time resolution. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance() {
            now = now.plusSeconds(10);
        }
    }

    static CacheEntry put(RenderCache cache, int i) throws IOException {
        try (EntryWriter w = cache.begin(key(i))) {
            for (int f = 0; f < 3; f++) {
                w.writeFrameRgb(f, frame(i, f));
            }
            return w.commit(JsonNodeFactory.instance.objectNode().put("window", i));
        }
    }

    static long entryBytes() {
        return 3L * frame(0, 0).length;
    }

    List<String> tmpContents() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void writtenEntriesReadBackVerified() throws IOException {
        RenderCache cache = new RenderCache(root, 1 << 20);
        assertThat(cache.get(key(1))).isEmpty();
        CacheEntry e = put(cache, 1);
        assertThat(cache.contains(key(1))).isTrue();
        CacheEntry read = cache.get(key(1)).orElseThrow();
        assertThat(read.fileNames()).containsExactly("frame-000000.rgb", "frame-000001.rgb", "frame-000002.rgb");
        assertThat(Files.readAllBytes(read.file("frame-000002.rgb"))).isEqualTo(frame(1, 2));
        assertThat(cache.read(key(1), "frame-000001.rgb")).hasValueSatisfying(b -> assertThat(b).isEqualTo(frame(1, 1)));
        assertThat(read.manifest().file("frame-000000.rgb").sha256()).isEqualTo(Hashing.sha256(frame(1, 0)));
        assertThat(read.manifest().totalBytes()).isEqualTo(entryBytes());
        assertThat(read.metadata().get("window").asInt()).isEqualTo(1);
        assertThat(e.dir()).isEqualTo(root.resolve("entries").resolve(key(1).hex().substring(0, 2)).resolve(key(1).hex()));
        assertThat(tmpContents()).isEmpty();
    }

    @Test
    void keysChangeWithEveryInputAndIgnoreFieldOrder() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("steps", 8);
        a.put("seed", 42);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("seed", 42);
        b.put("steps", 8);
        CacheKey base = CacheKey.of("m", "s", List.of("a1", "a2"), a, 0);
        assertThat(CacheKey.of("m", "s", List.of("a1", "a2"), b, 0)).isEqualTo(base);
        assertThat(CacheKey.canonicalJson(b)).isEqualTo("{\"seed\":42,\"steps\":8}");
        assertThat(List.of(
                CacheKey.of("m2", "s", List.of("a1", "a2"), a, 0),
                CacheKey.of("m", "s2", List.of("a1", "a2"), a, 0),
                CacheKey.of("m", "s", List.of("a2", "a1"), a, 0),
                CacheKey.of("m", "s", List.of("a1a2"), a, 0),
                CacheKey.of("m", "s", List.of("a1", "a2"), Map.of("steps", 9, "seed", 42), 0),
                CacheKey.of("m", "s", List.of("a1", "a2"), a, 1))).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void abandonedWriteIsNeverAnEntryAndIsCleanedUp() throws IOException {
        RenderCache cache = new RenderCache(root, 1 << 20);
        EntryWriter live = cache.begin(key(7));
        live.writeFrameRgb(0, frame(7, 0));
        // A writer that is still alive is left alone by the cleaner.
        assertThat(cache.cleanAbandonedWrites()).isZero();
        assertThat(cache.contains(key(7))).isFalse();
        live.close();
        assertThat(tmpContents()).isEmpty();
        assertThatThrownBy(() -> live.writeFrameRgb(1, frame(7, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWriterProcessKilledMidWriteLeavesNoEntry() throws Exception {
        Process p = javaProcess("crash", root.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("WROTE");
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(tmpContents()).hasSize(2);

        RenderCache reopened = new RenderCache(root, 1 << 20);
        assertThat(reopened.contains(key(0))).isFalse();
        assertThat(reopened.get(key(0))).isEmpty();
        assertThat(tmpContents()).isEmpty();
        put(reopened, 0);
        assertThat(reopened.get(key(0))).isPresent();
    }

    @Test
    void corruptEntriesAreMissesAndRemoved() throws IOException {
        RenderCache cache = new RenderCache(root, 1 << 20);
        Path flipped = put(cache, 1).file("frame-000001.rgb");
        byte[] b = Files.readAllBytes(flipped);
        b[100] ^= 1;
        Files.write(flipped, b);
        assertThat(cache.get(key(1))).isEmpty();
        assertThat(Files.exists(cache.entryDir(key(1)))).isFalse();

        Path truncated = put(cache, 2).file("frame-000000.rgb");
        Files.write(truncated, new byte[10]);
        assertThat(cache.read(key(2), "frame-000000.rgb")).isEmpty();
        assertThat(cache.contains(key(2))).isFalse();

        CacheEntry e3 = put(cache, 3);
        Files.writeString(e3.dir().resolve(Manifest.FILE_NAME), "{\"format\": 1, \"key\": \"");
        assertThat(cache.get(key(3))).isEmpty();
        assertThat(cache.contains(key(3))).isFalse();

        CacheEntry e4 = put(cache, 4);
        Files.delete(e4.file("frame-000002.rgb"));
        assertThat(cache.get(key(4))).isEmpty();

        // A manifest that points outside its entry is corrupt, never followed.
        CacheEntry e5 = put(cache, 5);
        String m = Files.readString(e5.dir().resolve(Manifest.FILE_NAME)).replace("frame-000000.rgb", "../../x");
        Files.writeString(e5.dir().resolve(Manifest.FILE_NAME), m);
        assertThat(cache.read(key(5), "../../x")).isEmpty();
        assertThat(cache.contains(key(5))).isFalse();

        // After all that, the same keys can be written again.
        put(cache, 1);
        assertThat(cache.get(key(1))).isPresent();
        assertThat(cache.entries()).extracting(RenderCache.EntryInfo::key).containsExactly(key(1));
    }

    @Test
    void evictsLeastRecentlyUsedFirst() throws IOException {
        ManualClock clock = new ManualClock();
        RenderCache cache = new RenderCache(root, 3 * entryBytes(), clock);
        for (int i = 1; i <= 3; i++) {
            put(cache, i);
            clock.advance();
        }
        assertThat(cache.get(key(1))).isPresent();
        clock.advance();
        assertThat(cache.read(key(2), "frame-000000.rgb")).isPresent();
        clock.advance();
        put(cache, 4);
        // 3 was used least recently (written, never read).
        assertThat(cache.entries()).extracting(RenderCache.EntryInfo::key).containsExactly(key(1), key(2), key(4));
        clock.advance();
        put(cache, 5);
        assertThat(cache.entries()).extracting(RenderCache.EntryInfo::key).containsExactly(key(2), key(4), key(5));
        assertThat(cache.sizeBytes()).isEqualTo(3 * entryBytes());

        // An entry larger than the whole bound is still kept until the next write.
        RenderCache tiny = new RenderCache(root, 10, clock);
        clock.advance();
        put(tiny, 6);
        assertThat(tiny.entries()).extracting(RenderCache.EntryInfo::key).containsExactly(key(6));
    }

    @Test
    void threadsWritingTheSameKeyLeaveOneSoundEntry() throws Exception {
        RenderCache cache = new RenderCache(root, 1 << 20);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CacheEntry>> results = new ArrayList<>();
        try {
            for (int t = 0; t < n; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return put(cache, 9);
                }));
            }
            start.countDown();
            for (Future<CacheEntry> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS).dir()).isEqualTo(cache.entryDir(key(9)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.get(key(9))).isPresent();
        assertThat(cache.entries()).hasSize(1);
        assertThat(tmpContents()).isEmpty();
    }

    @Test
    void twoProcessesShareOneBoundedCache() throws Exception {
        long bound = 10 * entryBytes();
        Process a = javaProcess("fill", root.toString(), Long.toString(bound), "0", "30").start();
        Process b = javaProcess("fill", root.toString(), Long.toString(bound), "15", "45").start();
        for (Process p : List.of(a, b)) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
        RenderCache cache = new RenderCache(root, bound);
        List<RenderCache.EntryInfo> left = cache.entries();
        assertThat(left).isNotEmpty();
        // The eviction after the last commit saw every entry.
        assertThat(cache.sizeBytes()).isLessThanOrEqualTo(bound);
        for (RenderCache.EntryInfo e : left) {
            assertThat(cache.get(e.key())).as(e.key().hex()).isPresent();
        }
        assertThat(tmpContents()).isEmpty();
    }

    static ProcessBuilder javaProcess(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CacheWriterProcess.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
