package org.talkfx.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cache.RenderCache;
import org.talkfx.hardening.HardeningReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The render cache under a failing disk, written by a real RenderService job: a cache folder on a tiny tmpfs that
 * fills up mid-job, one remounted read-only before a job writes (chmod does not stop root; a read-only mount does), and two
 * services (two hosts' worth) sharing one cache. The service survives, the job says what happened, and a scan finds
 * only complete, verifiable entries. The tmpfs cases need mount rights (root); elsewhere they are skipped.
 */
class CacheFaultTest {
    @RegisterExtension
    static final HardeningReport REPORT = new HardeningReport("Cache faults during a job (real service, real disk)");

    @TempDir
    Path tmp;
    final List<RenderService> services = new ArrayList<>();
    Path mounted;

    @AfterEach
    void cleanUp() throws Exception {
        for (RenderService s : services) {
            s.close();
        }
        if (mounted != null) {
            sh("umount", mounted.toString());
        }
    }

    @Test
    void cacheDiskFullMidJob() throws Exception {
        ServiceFixture fx = new ServiceFixture(tmp);
        mountTmpfs(fx.cache, "size=40k");
        RenderService service = start(fx, fx.config(), 0);
        ServiceClient client = ServiceClient.discover(fx.state).orElseThrow();
        JobStatus end = client.follow(client.submit(ServiceFixture.setup("long.wav", 1, 1), fx.shotDir(), 0).id(), e -> { });
        String scan = scan(fx.cache);
        boolean alive = client.health().path("status").asText().equals("ok");
        REPORT.record("cache disk full mid-job (40 kB tmpfs)", end.state() == JobState.FAILED && alive && scan.startsWith("consistent"),
                "job " + end.state() + " after " + end.windowsDone() + " windows: " + abbreviate(end.error()) + "; service "
                        + (alive ? "alive" : "DOWN") + "; cache " + scan);
        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.error()).containsIgnoringCase("space");
        assertThat(alive).isTrue();
        assertThat(scan).startsWith("consistent").endsWith(" 0 abandoned writes in tmp/");
    }

    @Test
    void cacheTurnsReadOnlyBetweenJobs() throws Exception {
        ServiceFixture fx = new ServiceFixture(tmp);
        mountTmpfs(fx.cache, "size=4m");
        RenderService service = start(fx, fx.config(), 0);
        ServiceClient client = ServiceClient.discover(fx.state).orElseThrow();
        JobStatus first = client.follow(client.submit(ServiceFixture.setup(1, 1), fx.shotDir(), 0).id(), e -> { });
        // The kernel refuses a read-only remount while a writer holds a file open (EBUSY), so the disk turns
        // read-only while the service is idle, and the next job meets it at its first write.
        int remount = sh("mount", "-o", "remount,ro", fx.cache.toString());
        JobStatus end = client.follow(client.submit(ServiceFixture.setup(2, 1), fx.shotDir(), 0).id(), e -> { });
        boolean alive = client.health().path("status").asText().equals("ok");
        sh("mount", "-o", "remount,rw", fx.cache.toString());
        String scan = scan(fx.cache);
        REPORT.record("cache read-only when a job writes (remount ro)", remount == 0 && end.state() == JobState.FAILED && alive
                        && scan.startsWith("consistent"),
                "job " + end.state() + " after " + end.windowsDone() + " windows: " + abbreviate(end.error()) + "; service "
                        + (alive ? "alive" : "DOWN") + "; cache " + scan);
        assertThat(first.state()).isEqualTo(JobState.DONE);
        assertThat(remount).isZero();
        assertThat(end.state()).isEqualTo(JobState.FAILED);
        assertThat(end.error()).containsIgnoringCase("read-only");
        assertThat(alive).isTrue();
        assertThat(scan).startsWith("consistent: 4/4");
    }

    @Test
    void twoServicesShareOneCache() throws Exception {
        ServiceFixture fx = new ServiceFixture(tmp);
        ServiceConfig a = fx.config();
        ServiceConfig b = new ServiceConfig(a.host(), 0, false, tmp.resolve("state-b"), a.mediaRoots(), null, a.cacheDir(),
                a.cacheMaxBytes(), a.maxBodyBytes(), tmp.resolve("gpu-b.lock"));
        start(fx, a, 5);
        start(fx, b, 5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<JobStatus>> ends = new ArrayList<>();
        for (Path state : List.of(fx.state, tmp.resolve("state-b"))) {
            ends.add(pool.submit(() -> {
                ServiceClient c = ServiceClient.discover(state).orElseThrow();
                return c.follow(c.submit(ServiceFixture.setup("long.wav", 9, 1), fx.shotDir(), 0).id(), e -> { });
            }));
        }
        JobStatus e1 = ends.get(0).get(120, TimeUnit.SECONDS);
        JobStatus e2 = ends.get(1).get(120, TimeUnit.SECONDS);
        pool.shutdown();
        String scan = scan(fx.cache);
        int entries = new RenderCache(fx.cache, 1L << 30).entries().size();
        boolean ok = e1.state() == JobState.DONE && e2.state() == JobState.DONE && entries == 10 && scan.startsWith("consistent");
        REPORT.record("two services (hosts) sharing one cache", ok, "both jobs " + e1.state() + "/" + e2.state()
                + (e1.error() != null ? " (" + e1.error() + ")" : "") + (e2.error() != null ? " (" + e2.error() + ")" : "") + ", "
                + (e1.windowsCached() + e2.windowsCached()) + " windows taken from the other's work, " + entries
                + " entries; cache " + scan);
        assertThat(e1.state()).isEqualTo(JobState.DONE);
        assertThat(e2.state()).isEqualTo(JobState.DONE);
        assertThat(entries).isEqualTo(10);
        assertThat(scan).startsWith("consistent").endsWith(" 0 abandoned writes in tmp/");
    }

    private RenderService start(ServiceFixture fx, ServiceConfig config, long stepMillis) throws Exception {
        RenderService s = RenderService.start(config, new TestPatternExecutor(stepMillis));
        services.add(s);
        return s;
    }

    /**
     * Every entry reads back verified. Writes in progress (tmp/) are counted first, on the raw folder, because
     * opening a RenderCache cleans abandoned ones; they are never entries, but a writer should remove its own.
     */
    static String scan(Path cacheRoot) throws Exception {
        long leftovers;
        Path tmpDir = cacheRoot.resolve("tmp");
        try (Stream<Path> s = Files.exists(tmpDir) ? Files.list(tmpDir) : Stream.empty()) {
            leftovers = s.count();
        }
        RenderCache cache = new RenderCache(cacheRoot, 1L << 30);
        List<RenderCache.EntryInfo> entries = cache.entries();
        int sound = 0;
        for (RenderCache.EntryInfo e : entries) {
            if (cache.get(e.key()).isPresent()) {
                sound++;
            }
        }
        return (sound == entries.size() ? "consistent: " : "INCONSISTENT: ") + sound + "/" + entries.size()
                + " entries verified, " + leftovers + " abandoned writes in tmp/";
    }

    private void mountTmpfs(Path dir, String options) throws Exception {
        Files.createDirectories(dir);
        boolean ok = sh("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()) == 0;
        if (!ok) {
            REPORT.record("cache faults on tmpfs", true, "SKIPPED: cannot mount a tmpfs here (needs root)");
        }
        assumeTrue(ok, "cannot mount a tmpfs (needs root)");
        mounted = dir;
    }

    static int sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static String abbreviate(String s) {
        return s == null ? "no message" : s.length() > 90 ? s.substring(0, 90) + "..." : s;
    }
}
