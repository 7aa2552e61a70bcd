package org.talkfx.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cache.CacheKey;
import org.talkfx.cache.ContentHashes;
import org.talkfx.cache.Hashing;
import org.talkfx.cache.RenderCache;
import org.talkfx.shot.Region;
import org.talkfx.shot.RegionKind;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenderServiceTest {
    @TempDir
    Path tmp;

    ServiceFixture fx;
    RenderService service;
    TestPatternExecutor executor;
    ServiceClient client;
    String token;

    void start(long stepMillis) throws Exception {
        fx = new ServiceFixture(tmp);
        executor = new TestPatternExecutor(stepMillis);
        service = RenderService.start(fx.config(), executor);
        token = service.files().readToken().orElseThrow();
        client = ServiceClient.discover(fx.state).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    String submitBody(ShotSetup setup) throws Exception {
        ObjectNode n = ShotSetupFile.JSON.createObjectNode();
        n.set("setup", ShotSetupFile.JSON.valueToTree(setup));
        n.put("base_dir", fx.shotDir().toString());
        return ShotSetupFile.JSON.writeValueAsString(n);
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return ShotSetupFile.JSON.readTree(r.body());
    }

    @Test
    void healthAndVersionAreOpenOnLoopbackAndTheTokenIsPrivate() throws Exception {
        start(0);
        HttpResponse<String> health = fx.send(service.port(), "GET", "/v1/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ok");
        assertThat(json(health).get("executor").asText()).isEqualTo("test-pattern");
        assertThat(client.version().get("api").asInt()).isEqualTo(RenderService.API_VERSION);
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(service.files().tokenFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.state))).isEqualTo("rwx------");
        assertThat(service.files().readInfo().orElseThrow().port()).isEqualTo(service.port());
        service.close();
        assertThat(Files.exists(service.files().infoFile())).isFalse();
        assertThat(ServiceClient.discover(fx.state)).isEmpty();
        // The token survives restarts, so clients holding it keep working.
        service = RenderService.start(fx.config(), executor);
        assertThat(service.files().readToken()).contains(token);
    }

    @Test
    void jobCallsNeedTheToken() throws Exception {
        start(0);
        String body = submitBody(ServiceFixture.setup(1, 1));
        for (String wrong : new String[]{null, "0".repeat(64), token + "x"}) {
            HttpResponse<String> r = fx.send(service.port(), "POST", "/v1/jobs", body, wrong);
            assertThat(r.statusCode()).as(String.valueOf(wrong)).isEqualTo(401);
            assertThat(json(r).get("error").asText()).contains("missing or wrong token").contains(service.files().tokenFile().toString());
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"talkfx\"");
        }
        assertThat(fx.send(service.port(), "GET", "/v1/jobs", null, null).statusCode()).isEqualTo(401);
        assertThat(fx.send(service.port(), "GET", "/v1/jobs", null, token).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongTokenFromTheClientIsReported() throws Exception {
        start(0);
        assertThatThrownBy(() -> new ServiceClient(client.base(), "f".repeat(64)).submit(ServiceFixture.setup(1, 1), fx.shotDir(), 0))
                .isInstanceOfSatisfying(ServiceApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        start(0);
        int port = service.port();
        HttpResponse<String> notJson = fx.send(port, "POST", "/v1/jobs", "{\"setup\": {", token);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).startsWith("request body is not valid JSON");
        assertThat(fx.send(port, "POST", "/v1/jobs", "[1]", token).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = fx.send(port, "POST", "/v1/jobs", "{\"setup\": {}, \"prio\": 1}", token);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown field \"prio\" (known: base_dir, priority, setup)");

        String badSetup = submitBody(ServiceFixture.setup(1, 1)).replace("\"gain_db\":0.0", "\"gain_db\":99.0")
                .replace("\"gain_db\" : 0.0", "\"gain_db\" : 99.0");
        HttpResponse<String> invalid = fx.send(port, "POST", "/v1/jobs", badSetup, token);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("problems").get(0).asText()).isEqualTo("$.speakers[0].gain_db: must be between -60 and 24 dB, got 99.0");
        assertThatThrownBy(() -> client.submit(ServiceFixture.setup("nope.wav", 1, 1), fx.shotDir(), 0))
                .isInstanceOfSatisfying(ServiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("speakers[0].audio: file not found");
                });

        HttpResponse<String> big = fx.send(port, "POST", "/v1/jobs", "{\"setup\": \"" + "x".repeat(ServiceConfig.DEFAULT_MAX_BODY) + "\"}", token);
        assertThat(big.statusCode()).isEqualTo(413);

        assertThat(fx.send(port, "GET", "/v1/jobs/no-such-job", null, token).statusCode()).isEqualTo(404);
        assertThat(json(fx.send(port, "POST", "/v1/jobs/no-such-job/cancel", "{}", token)).get("error").asText()).isEqualTo("no job no-such-job");
        assertThat(fx.send(port, "GET", "/v1/jobs/no-such-job/events", null, token).statusCode()).isEqualTo(404);
        assertThat(fx.send(port, "GET", "/v2/anything", null, token).statusCode()).isEqualTo(404);
        assertThat(fx.send(port, "DELETE", "/v1/jobs", null, token).statusCode()).isEqualTo(405);
        assertThatThrownBy(() -> client.status("no-such-job"))
                .isInstanceOfSatisfying(ServiceApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void jobsMayOnlyReadUnderTheMediaRoots() throws Exception {
        start(0);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        TestMedia.wav(outside.resolve("secret.wav"), 0.2, 0.5, 100);
        Files.createSymbolicLink(fx.shotDir().resolve("link.wav"), outside.resolve("secret.wav"));
        Files.createSymbolicLink(fx.media.resolve("linkdir"), outside);
        String[][] refused = {
                {"../../outside/secret.wav", "\"..\" is not allowed"},
                {outside.resolve("secret.wav").toString(), "is outside the media roots"},
                {"link.wav", "leads (through a symbolic link) to " + outside.resolve("secret.wav").toRealPath()},
                {fx.media.resolve("linkdir/secret.wav").toString(), "outside the media roots"},
        };
        for (String[] r : refused) {
            assertThatThrownBy(() -> client.submit(ServiceFixture.setup(r[0], 1, 1), fx.shotDir(), 0)).as(r[0])
                    .isInstanceOfSatisfying(ServiceApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("speakers[0].audio").contains(r[1]);
                    });
        }
        assertThatThrownBy(() -> client.submit(ServiceFixture.setup(1, 1), outside, 0))
                .isInstanceOfSatisfying(ServiceApiException.class, e -> assertThat(e.getMessage()).contains("base_dir"));
        assertThatThrownBy(() -> client.submit(ServiceFixture.setup(1, 1), null, 0))
                .isInstanceOfSatisfying(ServiceApiException.class, e -> assertThat(e.getMessage()).contains("relative path without base_dir"));
        assertThat(client.jobs()).isEmpty();
    }

    @Test
    void generatesEveryWindowOnceAndReusesTheCache() throws Exception {
        start(0);
        List<JobEvent> events = new ArrayList<>();
        JobStatus submitted = client.submit(ServiceFixture.setup(1, 2), fx.shotDir(), 0);
        assertThat(submitted.state()).isIn(JobState.QUEUED, JobState.RUNNING);
        JobStatus end = client.follow(submitted.id(), events::add);
        assertThat(end.state()).as(String.valueOf(end.error())).isEqualTo(JobState.DONE);
        assertThat(end.windows()).isEqualTo(4);
        assertThat(end.windowsDone()).isEqualTo(4);
        assertThat(end.windowsCached()).isZero();
        assertThat(end.fraction()).isEqualTo(1.0);
        // The stream opens with a snapshot, then reports what happens after it.
        JobStatus snapshot = events.get(0).status();
        assertThat(events.get(0).type()).isEqualTo("status");
        List<Integer> later = new ArrayList<>();
        for (int w = snapshot.windowsDone(); w < 4; w++) {
            later.add(w);
        }
        assertThat(events.stream().filter(e -> e.type().equals("window")).map(JobEvent::window)).containsExactlyElementsOf(later);
        assertThat(events.stream().filter(e -> e.type().equals("progress"))).allMatch(e -> e.status().steps() == 2);
        assertThat(events.get(events.size() - 1).type()).isEqualTo("end");
        assertThat(executor.windowsGenerated.get()).isEqualTo(4);

        // A client finds the windows itself: the keys depend only on the inputs, not on the service.
        RenderCache cache = new RenderCache(fx.cache, 1L << 30);
        List<CacheKey> keys = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            keys.add(CacheKey.of("test-pattern/1", Hashing.sha256(fx.shotDir().resolve("face.ppm")),
                    List.of(Hashing.sha256(fx.shotDir().resolve("anna.wav"))), ServiceFixture.setup(1, 2).generationSettings(), w));
            assertThat(cache.get(keys.get(w))).as("window " + w).isPresent();
        }
        assertThat(events.stream().filter(e -> e.type().equals("window")).map(JobEvent::cacheKey))
                .allMatch(k -> keys.contains(new CacheKey(k)));
        ShotInputs inputs = new MediaPolicy(List.of(fx.media), null).resolve(ServiceFixture.setup(1, 2), fx.shotDir());
        assertThat(ShotPlan.of(executor, inputs, new ContentHashes()).windowKeys()).isEqualTo(keys);
        // The loud first quarter of the audio brightens the picture; the silent second quarter leaves it as it is.
        byte[] loud = cache.read(keys.get(0), "frame-000001.rgb").orElseThrow();
        byte[] silent = cache.read(keys.get(1), "frame-000002.rgb").orElseThrow();
        byte[] source = TestPatternExecutor.readPpm(fx.shotDir().resolve("face.ppm")).rgb();
        assertThat(silent).isEqualTo(source);
        assertThat(mean(loud)).isGreaterThan(mean(source) + 20);

        // The same shot again is all cache hits; a compositing-only change too; a new seed regenerates.
        JobStatus again = client.follow(client.submit(ServiceFixture.setup(1, 2), fx.shotDir(), 0).id(), e -> { });
        assertThat(again.windowsCached()).isEqualTo(4);
        ShotSetup feathered = ServiceFixture.setup(1, 2).withRegion(new Region(RegionKind.WHOLE_FRAME, 40.0, 3.0, null));
        assertThat(client.follow(client.submit(feathered, fx.shotDir(), 0).id(), e -> { }).windowsCached()).isEqualTo(4);
        assertThat(executor.windowsGenerated.get()).isEqualTo(4);
        assertThat(client.follow(client.submit(ServiceFixture.setup(2, 2), fx.shotDir(), 0).id(), e -> { }).windowsCached()).isZero();
        assertThat(executor.windowsGenerated.get()).isEqualTo(8);
        assertThat(client.jobs()).hasSize(4).allMatch(s -> s.state() == JobState.DONE);
    }

    @Test
    void concurrentSubmissionsRunOneAtATimeByPriority() throws Exception {
        start(30);
        // A job that keeps the worker busy while the others queue up.
        JobStatus blocker = client.submit(ServiceFixture.setup("long.wav", 100, 4), fx.shotDir(), 0);
        while (client.status(blocker.id()).state() == JobState.QUEUED) {
            Thread.sleep(10);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<JobStatus>> done = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                long seed = 200 + i;
                int priority = i == 3 ? 10 : 0;
                done.add(pool.submit(() -> {
                    ServiceClient c = ServiceClient.discover(fx.state).orElseThrow();
                    JobStatus s = c.submit(ServiceFixture.setup(seed, 1), fx.shotDir(), priority);
                    return c.follow(s.id(), e -> { });
                }));
            }
            for (Future<JobStatus> f : done) {
                assertThat(f.get(120, TimeUnit.SECONDS).state()).isEqualTo(JobState.DONE);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(client.follow(blocker.id(), e -> { }).state()).isEqualTo(JobState.DONE);
        assertThat(executor.maxInFlight.get()).isEqualTo(1);
        assertThat(executor.jobOrder).hasSize(5).startsWith(100L);
        // All four queued behind the blocker (10 windows of 4 steps); the high-priority one went first.
        assertThat(executor.jobOrder.get(1)).isEqualTo(203L);
    }

    @Test
    void cancelStopsRunningAndQueuedJobsWithoutPartialEntries() throws Exception {
        start(60);
        JobStatus running = client.submit(ServiceFixture.setup("long.wav", 1, 4), fx.shotDir(), 0);
        JobStatus queued = client.submit(ServiceFixture.setup(2, 1), fx.shotDir(), 0);
        assertThat(client.cancel(queued.id()).state()).isEqualTo(JobState.CANCELLED);

        List<JobEvent> events = new CopyOnWriteArrayList<>();
        JobStatus end = client.follow(running.id(), e -> {
            events.add(e);
            if (e.type().equals("window") && e.window() == 1) {
                try {
                    client.cancel(running.id());
                } catch (ServiceUnavailableException ex) {
                    throw new AssertionError(ex);
                }
            }
        });
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
        // Cancelled during window 2 (a slow machine may have finished it first).
        assertThat(end.windowsDone()).isBetween(2, 3);
        assertThat(end.windows()).isEqualTo(10);
        // Window 0 takes 240 ms, long enough for the stream to be open before window 1 starts.
        assertThat(events.stream().filter(e -> e.type().equals("progress") && e.window() == 1).map(e -> e.status().step()))
                .containsExactly(1, 2, 3, 4);
        assertThat(client.status(queued.id()).state()).isEqualTo(JobState.CANCELLED);
        assertThat(executor.jobOrder).containsExactly(1L);
        // The finished windows are whole entries in the cache; nothing is half-written.
        assertThat(new RenderCache(fx.cache, 1L << 30).entries()).hasSize(end.windowsDone());
        try (Stream<Path> left = Files.list(fx.cache.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
        // Cancelling a finished job changes nothing.
        assertThat(client.cancel(running.id()).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void refusesNonLoopbackUnlessAllowedAndThenWantsTheTokenEverywhere() throws Exception {
        fx = new ServiceFixture(tmp);
        ServiceConfig c = fx.config();
        ServiceConfig wide = new ServiceConfig("0.0.0.0", 0, false, c.stateDir(), c.mediaRoots(), null, c.cacheDir(),
                c.cacheMaxBytes(), c.maxBodyBytes(), c.gpuLockFile());
        assertThatThrownBy(() -> RenderService.start(wide, new TestPatternExecutor(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refusing to listen on 0.0.0.0");
        ServiceConfig allowed = new ServiceConfig("0.0.0.0", 0, true, c.stateDir(), c.mediaRoots(), null, c.cacheDir(),
                c.cacheMaxBytes(), c.maxBodyBytes(), c.gpuLockFile());
        service = RenderService.start(allowed, new TestPatternExecutor(0));
        token = service.files().readToken().orElseThrow();
        assertThat(fx.send(service.port(), "GET", "/v1/health", null, null).statusCode()).isEqualTo(401);
        assertThat(fx.send(service.port(), "GET", "/v1/version", null, token).statusCode()).isEqualTo(200);
    }

    @Test
    void oneGpuOwnerPerMachine() throws Exception {
        start(0);
        ServiceConfig c = fx.config();
        ServiceConfig second = new ServiceConfig(c.host(), 0, false, tmp.resolve("state2"), c.mediaRoots(), null,
                tmp.resolve("cache2"), c.cacheMaxBytes(), c.maxBodyBytes(), c.gpuLockFile());
        assertThatThrownBy(() -> RenderService.start(second, new TestPatternExecutor(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("another TalkFX service (pid " + ProcessHandle.current().pid() + ") already owns the GPU on this machine (lock "
                        + fx.gpuLock + ")");
        assertThat(Files.exists(tmp.resolve("state2/service.json"))).isFalse();
    }

    static double mean(byte[] b) {
        long s = 0;
        for (byte x : b) {
            s += x & 0xff;
        }
        return (double) s / b.length;
    }

}
