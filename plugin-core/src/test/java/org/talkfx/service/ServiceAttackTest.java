package org.talkfx.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cache.RenderCache;
import org.talkfx.hardening.HardeningReport;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on a real RenderService over loopback HTTP, beyond RenderServiceTest's functional checks: rotated tokens,
 * hostile paths, thousands of mutated and malformed bodies, raw-socket garbage, slow clients, and many clients
 * submitting and cancelling at once. Every attack must be refused with a 4xx and leave the service serving.
 */
class ServiceAttackTest {
    @RegisterExtension
    static final HardeningReport REPORT = new HardeningReport("Render service attacks (real HTTP on loopback)");

    @TempDir
    Path tmp;
    ServiceFixture fx;
    RenderService service;
    TestPatternExecutor executor;
    String token;

    void start(long stepMillis) throws Exception {
        fx = new ServiceFixture(tmp);
        executor = new TestPatternExecutor(stepMillis);
        service = RenderService.start(fx.config(), executor);
        token = service.files().readToken().orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    String body(ShotSetup setup, String baseDir) throws Exception {
        return body(setup, baseDir, n -> { });
    }

    String body(ShotSetup setup, String baseDir, java.util.function.Consumer<ObjectNode> patchSetup) throws Exception {
        ObjectNode n = ShotSetupFile.JSON.createObjectNode();
        ObjectNode s = ShotSetupFile.JSON.valueToTree(setup);
        patchSetup.accept(s);
        n.set("setup", s);
        n.put("base_dir", baseDir);
        return ShotSetupFile.JSON.writeValueAsString(n);
    }

    int post(String body, String tok) throws Exception {
        return fx.send(service.port(), "POST", "/v1/jobs", body, tok).statusCode();
    }

    boolean healthy() throws Exception {
        return fx.send(service.port(), "GET", "/v1/health", null, null).statusCode() == 200;
    }

    @Test
    void staleTokenAfterRotationIsRefused() throws Exception {
        start(0);
        String good = body(ServiceFixture.setup(1, 1), fx.shotDir().toString());
        service.close();
        // A token file readable by others counts as leaked: the next start rotates it.
        Files.setPosixFilePermissions(service.files().tokenFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        service = RenderService.start(fx.config(), executor);
        String fresh = service.files().readToken().orElseThrow();
        int stale = post(good, token);
        int none = post(good, null);
        int wrong = post(good, "0".repeat(64));
        int basic = fx.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + "/v1/jobs"))
                .header("Authorization", "Basic " + fresh).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        REPORT.record("token: none", none == 401, "HTTP " + none);
        REPORT.record("token: wrong", wrong == 401, "HTTP " + wrong);
        REPORT.record("token: stale after rotation (leaked file)", stale == 401, "HTTP " + stale + ", new token differs: " + !fresh.equals(token));
        REPORT.record("token: right value, wrong scheme (Basic)", basic == 401, "HTTP " + basic);
        assertThat(fresh).isNotEqualTo(token);
        assertThat(List.of(stale, none, wrong, basic)).containsOnly(401);
        assertThat(post(good, fresh)).isEqualTo(201);
    }

    @Test
    void nonLoopbackBindWithoutOptInIsRefused() throws Exception {
        fx = new ServiceFixture(tmp);
        ServiceConfig c = fx.config();
        for (String host : new String[]{"0.0.0.0", "::"}) {
            ServiceConfig wide = new ServiceConfig(host, 0, false, c.stateDir(), c.mediaRoots(), null, c.cacheDir(),
                    c.cacheMaxBytes(), c.maxBodyBytes(), c.gpuLockFile());
            String outcome;
            try {
                RenderService.start(wide, new TestPatternExecutor(0)).close();
                outcome = "STARTED";
            } catch (IllegalArgumentException e) {
                outcome = "refused: " + e.getMessage().substring(0, Math.min(60, e.getMessage().length()));
            }
            REPORT.record("bind " + host + " without --allow-remote", outcome.startsWith("refused"), outcome);
            assertThat(outcome).startsWith("refused");
        }
    }

    @Test
    void pathsOutsideTheRootsAreRefused() throws Exception {
        start(0);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        TestMedia.wav(outside.resolve("secret.wav"), 0.2, 0.5, 100);
        TestMedia.ppm(outside.resolve("secret.ppm"), 8, 6);
        Files.createSymbolicLink(fx.shotDir().resolve("up"), tmp);
        String shot = fx.shotDir().toString();
        String secretPpm = outside.resolve("secret.ppm").toString();
        Object[][] attacks = {
                {"audio ../", body(ServiceFixture.setup("../../outside/secret.wav", 1, 1), shot)},
                {"audio absolute outside", body(ServiceFixture.setup(outside.resolve("secret.wav").toString(), 1, 1), shot)},
                {"audio through symlinked folder", body(ServiceFixture.setup("up/outside/secret.wav", 1, 1), shot)},
                {"audio /proc/self/environ", body(ServiceFixture.setup("/proc/self/environ", 1, 1), shot)},
                {"audio with NUL byte", body(ServiceFixture.setup("anna.wav\u0000.txt", 1, 1), shot)},
                {"source media absolute outside", body(ServiceFixture.setup(1, 1), shot,
                        n -> ((ObjectNode) n.get("source")).put("media", secretPpm))},
                {"model_directory outside", body(ServiceFixture.setup(1, 1), shot, n -> n.put("model_directory", outside.toString()))},
                {"base_dir with ..", body(ServiceFixture.setup(1, 1), shot + "/../../outside")},
                {"base_dir relative", body(ServiceFixture.setup(1, 1), "media/shot1")},
                {"base_dir symlink out", body(ServiceFixture.setup("secret.wav", 1, 1), shot + "/up/outside")},
                {"base_dir with NUL byte", body(ServiceFixture.setup(1, 1), shot + "\u0000")},
        };
        for (Object[] a : attacks) {
            HttpResponse<String> r = fx.send(service.port(), "POST", "/v1/jobs", (String) a[1], token);
            boolean refused = r.statusCode() == 403 || r.statusCode() == 400;
            REPORT.record("path: " + a[0], refused, "HTTP " + r.statusCode() + " " + abbreviate(r.body()));
            assertThat(r.statusCode()).as(a[0] + ": " + r.body()).isIn(400, 403);
        }
        assertThat(executor.jobOrder).isEmpty();
    }

    @Test
    void mutatedAndMalformedBodiesAreRefusedWithoutServerErrors() throws Exception {
        start(0);
        String valid = body(ServiceFixture.setup(1, 1), fx.shotDir().toString());
        org.talkfx.hardening.fuzz.BodyMutator mutator = new org.talkfx.hardening.fuzz.BodyMutator(7);
        int tried = 0;
        int created = 0;
        List<String> serverErrors = new ArrayList<>();
        long deadline = System.nanoTime() + 4_000_000_000L;
        byte[] parent = valid.getBytes(StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            byte[] b = mutator.mutate(parent);
            HttpResponse<String> r = fx.send(service.port(), "POST", "/v1/jobs", new String(b, StandardCharsets.UTF_8), token);
            tried++;
            if (r.statusCode() == 201) {
                created++;
            } else if (r.statusCode() >= 500 || r.statusCode() < 400) {
                serverErrors.add(r.statusCode() + " " + abbreviate(r.body()) + " for " + abbreviate(new String(b, StandardCharsets.UTF_8)));
            }
        }
        // Oversized: just over the limit, and a Content-Length that lies by far.
        int big = post("{\"setup\": \"" + "x".repeat(ServiceConfig.DEFAULT_MAX_BODY) + "\"}", token);
        String lying = raw("POST /v1/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Length: 9223372036854775807\r\n\r\n{}", 3000);
        String negative = raw("POST /v1/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Length: -5\r\n\r\n{}", 3000);
        String garbage = raw("\u0000\u00ff GARBAGE\r\n\r\n", 3000);
        String hugeHeader = raw("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-A: " + "a".repeat(200_000) + "\r\n\r\n", 3000);
        REPORT.record("mutated job bodies (" + tried + ")", serverErrors.isEmpty(),
                created + " accepted, " + (tried - created - serverErrors.size()) + " refused with 4xx, " + serverErrors.size() + " server errors");
        REPORT.record("body over --max-body-kb", big == 413, "HTTP " + big);
        REPORT.record("Content-Length 2^63-1", !lying.startsWith("HTTP/1.1 2") && !lying.contains(" 500 "), firstLine(lying));
        REPORT.record("Content-Length -5", !negative.startsWith("HTTP/1.1 2") && !negative.contains(" 500 "), firstLine(negative));
        REPORT.record("binary garbage request line", !garbage.contains(" 500 "), firstLine(garbage));
        REPORT.record("200 kB header", !hugeHeader.contains(" 500 "), firstLine(hugeHeader));
        boolean alive = healthy();
        REPORT.record("service alive after body attacks", alive, alive ? "health 200" : "DOWN");
        assertThat(serverErrors).isEmpty();
        assertThat(big).isEqualTo(413);
        assertThat(lying).doesNotStartWith("HTTP/1.1 2").doesNotContain(" 500 ");
        assertThat(negative).doesNotStartWith("HTTP/1.1 2").doesNotContain(" 500 ");
        assertThat(alive).isTrue();
    }

    @Test
    void slowClientsDoNotBlockOthers() throws Exception {
        start(0);
        // More dribbling connections than the pool keeps alive when idle: each sends one header byte every 200 ms.
        List<Socket> slow = new ArrayList<>();
        ExecutorService dribblers = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket("127.0.0.1", service.port());
                slow.add(s);
                dribblers.submit(() -> {
                    byte[] req = ("GET /v1/jobs HTTP/1.1\r\nHost: x\r\nX-Slow: " + "z".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
                    try {
                        OutputStream out = s.getOutputStream();
                        for (byte b : req) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(200);
                        }
                    } catch (Exception closed) {
                        // the service may drop us; that is allowed
                    }
                    return null;
                });
            }
            Thread.sleep(500);
            long t0 = System.nanoTime();
            int ok = 0;
            for (int i = 0; i < 20; i++) {
                if (fx.send(service.port(), "GET", "/v1/jobs", null, token).statusCode() == 200) {
                    ok++;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            JobStatus job = new ServiceClient(java.net.URI.create("http://127.0.0.1:" + service.port()), token)
                    .submit(ServiceFixture.setup(3, 1), fx.shotDir(), 0);
            REPORT.record("16 slowloris connections", ok == 20 && job.id() != null,
                    ok + "/20 other requests answered in " + ms + " ms; a job was submitted meanwhile");
            assertThat(ok).isEqualTo(20);
            // Bounded by time: the service drops every dribbling connection after its request time limit.
            long limitMs = Long.getLong("sun.net.httpserver.maxReqTime") * 1000;
            long dropDeadline = System.nanoTime() + (limitMs + 4000) * 1_000_000;
            int dropped = 0;
            for (Socket s : slow) {
                if (closedBy(s, dropDeadline)) {
                    dropped++;
                }
            }
            long waited = (System.nanoTime() - t0) / 1_000_000;
            REPORT.record("slow clients dropped after the request time limit", dropped == slow.size(),
                    dropped + "/" + slow.size() + " closed by the service within " + waited + " ms (limit " + limitMs + " ms)");
            assertThat(dropped).isEqualTo(slow.size());
        } finally {
            dribblers.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void concurrentSubmitAndCancelLosesAndDuplicatesNothing() throws Exception {
        start(2);
        String base = fx.shotDir().toString();
        int clients = 6;
        int perClient = 8;
        Set<String> cancelledByUs = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                ServiceClient sc = new ServiceClient(java.net.URI.create("http://127.0.0.1:" + service.port()), token);
                Random rng = new Random(client);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    JobStatus s = sc.submit(ServiceFixture.setup(1000L * client + i, 1), Path.of(base), rng.nextInt(3));
                    ids.add(s.id());
                    if (rng.nextInt(3) == 0) {
                        String victim = ids.get(rng.nextInt(ids.size()));
                        sc.cancel(victim);
                        cancelledByUs.add(victim);
                    }
                }
                return ids;
            }));
        }
        List<String> submitted = new ArrayList<>();
        for (Future<List<String>> f : results) {
            submitted.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        ServiceClient sc = new ServiceClient(java.net.URI.create("http://127.0.0.1:" + service.port()), token);
        List<JobStatus> all;
        long until = System.currentTimeMillis() + 60_000;
        do {
            Thread.sleep(100);
            all = sc.jobs();
        } while (all.stream().anyMatch(j -> !j.state().terminal()) && System.currentTimeMillis() < until);
        Set<String> listed = new HashSet<>();
        all.forEach(j -> listed.add(j.id()));
        long done = all.stream().filter(j -> j.state() == JobState.DONE).count();
        long cancelled = all.stream().filter(j -> j.state() == JobState.CANCELLED).count();
        // Every job the executor started ran once; jobOrder holds each started job's seed.
        Set<Long> seeds = new HashSet<>(executor.jobOrder);
        boolean ok = submitted.size() == clients * perClient && new HashSet<>(submitted).size() == submitted.size()
                && listed.equals(new HashSet<>(submitted)) && done + cancelled == submitted.size()
                && seeds.size() == executor.jobOrder.size() && executor.maxInFlight.get() == 1;
        REPORT.record(clients + " clients x " + perClient + " submits + cancels", ok, submitted.size() + " submitted, "
                + listed.size() + " listed, " + done + " done, " + cancelled + " cancelled, " + executor.jobOrder.size()
                + " started (no duplicate)");
        assertThat(new HashSet<>(submitted)).hasSize(clients * perClient);
        assertThat(listed).isEqualTo(new HashSet<>(submitted));
        assertThat(done + cancelled).isEqualTo(submitted.size());
        assertThat(seeds).hasSameSizeAs(executor.jobOrder);
        assertThat(cancelled).isLessThanOrEqualTo(cancelledByUs.size());
        assertThat(executor.maxInFlight.get()).isEqualTo(1);
        try (Stream<Path> left = Files.list(fx.cache.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
        assertThat(new RenderCache(fx.cache, 1L << 30).entries()).isNotEmpty();
    }

    /** Whether the service closed {@code s} before {@code deadline} (System.nanoTime). */
    static boolean closedBy(Socket s, long deadline) throws Exception {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            left = 1;
        }
        s.setSoTimeout((int) left);
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // an error answer may come first; the close is what counts
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Test
    void regressionBaseDirWithNulByteGaveInternalError500() throws Exception {
        // found by pathsOutsideTheRootsAreRefused: Path.of threw InvalidPathException outside the refusal handling
        start(0);
        HttpResponse<String> r = fx.send(service.port(), "POST", "/v1/jobs",
                body(ServiceFixture.setup(1, 1), fx.shotDir() + "\u0000"), token);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("base_dir: not a usable path");
    }

    @Test
    void regressionUtf32LookalikeBodyGaveInternalError500() throws Exception {
        // found by the shot-setup fuzz target: bytes Jackson takes for UTF-32 fail with an IOException, not a parse error
        start(0);
        String body = "{\u0000\u0000\u0000\u0000etup\":{}}";
        HttpResponse<String> r = fx.send(service.port(), "POST", "/v1/jobs", body, token);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("request body is not valid JSON text");
    }

    /** Sends raw bytes and returns what came back within {@code millis} (or "(no answer)"). */
    String raw(String request, int millis) throws Exception {
        try (Socket s = new Socket("127.0.0.1", service.port())) {
            s.setSoTimeout(millis);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                int n = in.read(buf);
                return n <= 0 ? "(closed)" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketTimeoutException e) {
                return "(no answer within " + millis + " ms, connection held)";
            } catch (java.net.SocketException e) {
                return "(reset)";
            }
        }
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\r');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 70 ? one.substring(0, 70) + "..." : one;
    }
}
