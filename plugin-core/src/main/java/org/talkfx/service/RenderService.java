package org.talkfx.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.talkfx.cache.RenderCache;
import org.talkfx.common.BadInputException;
import org.talkfx.shot.InvalidShotSetupException;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code talkfx serve}: the one process per machine that owns the GPU and generates shots for the effect, the
 * panel and the CLI. HTTP/JSON on loopback (JDK HTTP server), every job call authenticated with the per-user
 * token, a priority queue worked by one thread, progress as server-sent events, results in the shared cache.
 * See {@code docs/service.md} for the API.
 */
public final class RenderService implements AutoCloseable {
    public static final int API_VERSION = 1;
    /** Seconds a client may take to send one request (headers and body); see the static initializer. */
    public static final long MAX_REQUEST_SECONDS = 10;

    static {
        // The JDK server waits forever for a request that is still arriving, so a client that dribbles its headers
        // holds a worker thread for good. This JDK setting (read once, when the first HttpServer is created) closes
        // such connections; event streams are unaffected (their request is complete when they start). A value
        // given with -D wins.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        }
    }
    private static final int MAX_QUEUED = 1000;
    private static final int MAX_FINISHED_KEPT = 200;
    /** Event data must fit on one line of the event stream. */
    private static final ObjectMapper ONE_LINE = ShotSetupFile.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> SUBMIT_FIELDS = Set.of("setup", "base_dir", "priority");

    private final ServiceConfig config;
    private final JobExecutor executor;
    private final ServiceFiles files;
    private final String token;
    private final boolean remote;
    private final MediaPolicy policy;
    private final JobStore store;
    private final JobRunner runner;
    private final GpuLock gpuLock;
    private final HttpServer server;
    private final ThreadPoolExecutor httpThreads;
    private final Thread worker;
    private final PriorityBlockingQueue<Job> queue = new PriorityBlockingQueue<>(16,
            Comparator.comparingInt((Job j) -> -j.priority).thenComparingLong(j -> j.sequence));
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Boolean> finishedOrder = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Job current;

    private RenderService(ServiceConfig config, JobExecutor executor, GpuLock gpuLock) throws IOException {
        this.config = config;
        this.executor = executor;
        this.gpuLock = gpuLock;
        InetAddress bind = InetAddress.getByName(config.host());
        this.remote = !bind.isLoopbackAddress();
        if (remote && !config.allowRemote()) {
            throw new IllegalArgumentException("refusing to listen on " + config.host()
                    + ", which is not a loopback address; pass --allow-remote to serve other machines (the token is then required on every call)");
        }
        this.files = new ServiceFiles(config.stateDir());
        this.token = files.ensureToken();
        this.policy = new MediaPolicy(config.mediaRoots(), config.modelDirectory());
        this.store = new JobStore(files.jobsDir());
        RenderCache cache = new RenderCache(config.cacheDir(), config.cacheMaxBytes());
        this.runner = new JobRunner(executor, cache, policy, () -> stopping);
        for (Job j : store.load()) {
            jobs.put(j.id, j);
            queue.add(j);
        }
        this.server = HttpServer.create(new InetSocketAddress(bind, config.port()), 64);
        this.httpThreads = new ThreadPoolExecutor(4, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "talkfx-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(httpThreads);
        server.createContext("/", this::handle);
        this.worker = new Thread(this::work, "talkfx-render-worker");
    }

    /** Takes the GPU lock, binds, writes service.json and starts serving; {@link #close()} undoes all of it. */
    public static RenderService start(ServiceConfig config, JobExecutor executor) throws IOException {
        GpuLock lock = GpuLock.acquire(config.gpuLockFile());
        RenderService s;
        try {
            s = new RenderService(config, executor, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            s.server.start();
            s.worker.start();
            s.files.writeInfo(new ServiceInfo(ProcessHandle.current().pid(), config.host(), s.port(), version(),
                    System.currentTimeMillis()));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public ServiceFiles files() {
        return files;
    }

    public static String version() {
        String v = RenderService.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** Stops serving; a job in progress stays stored and resumes when a service starts again. */
    @Override
    public void close() throws IOException {
        if (stopping) {
            return;
        }
        stopping = true;
        server.stop(0);
        httpThreads.shutdownNow();
        try {
            worker.join(5000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                files.deleteInfo(ProcessHandle.current().pid());
                gpuLock.close();
            } finally {
                closed.countDown();
            }
        }
    }

    /** Blocks until the service has stopped (by {@link #close()} or {@code POST /v1/shutdown}). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    private void work() {
        while (!stopping) {
            Job job;
            try {
                job = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null || job.state().terminal()) {
                continue;
            }
            current = job;
            boolean finished = runner.run(job);
            current = null;
            if (!finished) {
                return;
            }
            retire(job);
        }
    }

    private void retire(Job job) {
        try {
            store.delete(job.id);
        } catch (IOException e) {
            System.err.println("talkfx serve: cannot delete the stored job " + job.id + ": " + e.getMessage());
        }
        synchronized (finishedOrder) {
            finishedOrder.put(job.id, Boolean.TRUE);
            for (Iterator<String> it = finishedOrder.keySet().iterator(); finishedOrder.size() > MAX_FINISHED_KEPT; ) {
                jobs.remove(it.next());
                it.remove();
            }
        }
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            boolean open = !remote && (path.equals("/v1/health") || path.equals("/v1/version"));
            if (!open && !authorized(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"talkfx\"");
                throw new ApiError(401, "missing or wrong token: send \"Authorization: Bearer <token>\" with the token from "
                        + files.tokenFile());
            }
            route(ex, method, path);
        } catch (ApiError e) {
            sendError(ex, e.status, e.getMessage(), e.problems);
        } catch (RuntimeException | IOException e) {
            sendError(ex, 500, "internal error: " + e, List.of());
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        String[] parts = path.split("/", -1);
        if (path.equals("/v1/health")) {
            requireMethod(method, "GET");
            Job running = current;
            ObjectNode n = json().put("status", stopping ? "stopping" : "ok").put("version", version())
                    .put("executor", executor.name()).put("queued", queue.size());
            n.put("running", running == null ? null : running.id);
            send(ex, 200, n);
        } else if (path.equals("/v1/version")) {
            requireMethod(method, "GET");
            send(ex, 200, json().put("name", "talkfx").put("version", version()).put("api", API_VERSION));
        } else if (path.equals("/v1/jobs")) {
            if (method.equals("POST")) {
                send(ex, 201, submit(readBody(ex)).status());
            } else {
                requireMethod(method, "GET");
                List<JobStatus> all = new ArrayList<>();
                jobs.values().stream().sorted(Comparator.comparingLong(j -> j.sequence)).forEach(j -> all.add(j.status()));
                send(ex, 200, all);
            }
        } else if (path.equals("/v1/shutdown")) {
            requireMethod(method, "POST");
            send(ex, 202, json().put("status", "stopping"));
            Thread t = new Thread(() -> {
                try {
                    close();
                } catch (IOException e) {
                    System.err.println("talkfx serve: " + e.getMessage());
                }
            }, "talkfx-shutdown");
            t.start();
        } else if (parts.length >= 4 && parts[1].equals("v1") && parts[2].equals("jobs")) {
            Job job = jobs.get(parts[3]);
            if (job == null) {
                throw new ApiError(404, "no job " + parts[3]);
            }
            String tail = parts.length == 4 ? "" : String.join("/", List.of(parts).subList(4, parts.length));
            switch (tail) {
                case "" -> {
                    requireMethod(method, "GET");
                    send(ex, 200, job.status());
                }
                case "cancel" -> {
                    requireMethod(method, "POST");
                    send(ex, 200, cancel(job));
                }
                case "events" -> {
                    requireMethod(method, "GET");
                    streamEvents(ex, job);
                }
                default -> throw new ApiError(404, "no such endpoint: " + path);
            }
        } else {
            throw new ApiError(404, "no such endpoint: " + path);
        }
    }

    private Job submit(byte[] body) throws IOException {
        if (stopping) {
            throw new ApiError(503, "the service is stopping");
        }
        JsonNode req;
        try {
            req = ShotSetupFile.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // from bytes in memory: undecodable text (e.g. bytes that look like UTF-32 but are not)
            throw new ApiError(400, "request body is not valid JSON text: " + e.getMessage());
        }
        if (req == null || !req.isObject()) {
            throw new ApiError(400, "request body must be a JSON object {\"setup\": {...}, \"base_dir\": \"...\", \"priority\": 0}");
        }
        for (Iterator<String> it = req.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!SUBMIT_FIELDS.contains(f)) {
                throw new ApiError(400, "unknown field \"" + f + "\" (known: " + String.join(", ", SUBMIT_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        JsonNode setupJson = req.get("setup");
        if (setupJson == null || !setupJson.isObject()) {
            throw new ApiError(400, "\"setup\" must be a shot setup object");
        }
        JsonNode prio = req.get("priority");
        if (prio != null && !prio.isInt()) {
            throw new ApiError(400, "\"priority\" must be a whole number");
        }
        JsonNode base = req.get("base_dir");
        if (base != null && !base.isTextual()) {
            throw new ApiError(400, "\"base_dir\" must be a string");
        }
        Path baseDir;
        try {
            baseDir = base == null ? null : Path.of(base.asText());
        } catch (InvalidPathException e) {
            throw new ApiError(403, "base_dir: not a usable path: " + base.asText());
        }
        ShotSetup setup;
        try {
            setup = new ShotSetupFile().parse(Path.of("setup"), ShotSetupFile.JSON.writeValueAsBytes(setupJson));
            policy.resolve(setup, baseDir);
        } catch (InvalidShotSetupException e) {
            throw new ApiError(400, e.getMessage(), e.problems());
        } catch (PathRefusedException e) {
            throw new ApiError(403, e.getMessage());
        } catch (BadInputException e) {
            throw new ApiError(400, e.getMessage());
        }
        if (queue.size() >= MAX_QUEUED) {
            throw new ApiError(429, "the queue is full (" + MAX_QUEUED + " jobs)");
        }
        Job job = new Job(UUID.randomUUID().toString(), prio == null ? 0 : prio.asInt(), sequence.incrementAndGet(),
                System.currentTimeMillis(), ShotSetupFile.JSON.valueToTree(setup), baseDir, false);
        store.save(job);
        jobs.put(job.id, job);
        queue.add(job);
        return job;
    }

    private JobStatus cancel(Job job) {
        job.requestCancel();
        if (queue.remove(job)) {
            job.finish(JobState.CANCELLED, null);
            retire(job);
        }
        return job.status();
    }

    private void streamEvents(HttpExchange ex, Job job) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        BlockingQueue<JobEvent> events = job.subscribe();
        try (OutputStream out = ex.getResponseBody()) {
            int idle = 0;
            while (!stopping) {
                JobEvent e = events.poll(1, TimeUnit.SECONDS);
                if (e == null) {
                    if (++idle >= 10) {
                        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        idle = 0;
                    }
                    continue;
                }
                idle = 0;
                out.write(("event: " + e.type() + "\ndata: " + ONE_LINE.writeValueAsString(e) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (e.type().equals("end")) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The follower disconnected; the job goes on.
        } finally {
            job.unsubscribe(events);
        }
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(h.substring(7).trim().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] readBody(HttpExchange ex) throws IOException {
        int max = config.maxBodyBytes();
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                // Read (a bounded amount of) the rest, so the client is not cut off before it sees the answer.
                drain(in, 16L * max);
                throw new ApiError(413, "request body is larger than " + max + " bytes");
            }
            return body;
        }
    }

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (long total = 0; total < limit; ) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            total += n;
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiError(405, method + " is not allowed here; use " + allowed);
        }
    }

    private static ObjectNode json() {
        return ShotSetupFile.JSON.createObjectNode();
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = ShotSetupFile.JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange ex, int status, String message, List<String> problems) {
        try {
            ObjectNode n = json().put("error", message);
            if (!problems.isEmpty()) {
                n.set("problems", ShotSetupFile.JSON.valueToTree(problems));
            }
            send(ex, status, n);
        } catch (IOException | RuntimeException ignored) {
            // Headers already sent (an event stream) or the client left; nothing more to say.
        }
    }
}
