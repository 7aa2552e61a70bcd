package org.talkfx.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * How the effect, the panel and the CLI talk to {@code talkfx serve}: find it through the state folder
 * ({@code service.json} + {@code token}), start it when it is not running, submit shots, follow their progress
 * (server-sent events), cancel them.
 */
public final class ServiceClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RIVAL_START_GRACE = Duration.ofSeconds(3);
    /** Answers may gain fields in later versions; an older client ignores them. */
    private static final ObjectMapper ANSWERS = ShotSetupFile.JSON.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final URI base;
    private final String token;
    private final HttpClient http;

    public ServiceClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    /** A healthy service described by the state folder, or empty (no service.json, dead pid, no answer). */
    public static Optional<ServiceClient> discover(Path stateDir) throws IOException {
        ServiceFiles files = new ServiceFiles(stateDir);
        Optional<ServiceInfo> info = files.readInfo();
        Optional<String> token = files.readToken();
        if (info.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        if (ProcessHandle.of(info.get().pid()).map(p -> !p.isAlive()).orElse(true)) {
            return Optional.empty();
        }
        ServiceClient c = new ServiceClient(URI.create(info.get().baseUrl()), token.get());
        try {
            c.health();
            return Optional.of(c);
        } catch (ServiceUnavailableException | ServiceApiException e) {
            return Optional.empty();
        }
    }

    /**
     * The running service, or one started with {@code command} (see {@link #defaultServeCommand}); waits up to
     * {@code timeout} for it to answer. Its output goes to {@code serve.log} in the state folder.
     */
    public static ServiceClient connectOrStart(Path stateDir, List<String> command, Duration timeout) throws IOException {
        Optional<ServiceClient> running = discover(stateDir);
        if (running.isPresent()) {
            return running.get();
        }
        ServiceFiles files = new ServiceFiles(stateDir);
        files.createDirs();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile())).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        long exitedAt = 0;
        while (System.nanoTime() < deadline) {
            Optional<ServiceClient> c = discover(stateDir);
            if (c.isPresent()) {
                return c.get();
            }
            if (!p.isAlive()) {
                // Another client may have won the race for the GPU lock: give its service a moment to appear.
                if (exitedAt == 0) {
                    exitedAt = System.nanoTime();
                } else if (System.nanoTime() - exitedAt > RIVAL_START_GRACE.toNanos()) {
                    throw new ServiceUnavailableException("the render service exited at start with code " + p.exitValue()
                            + "; see " + files.logFile() + ": " + lastLines(files.logFile()), null, null);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("interrupted while starting the render service", null, e);
            }
        }
        throw new ServiceUnavailableException("the render service did not answer within " + timeout.toSeconds()
                + " s; see " + files.logFile(), null, null);
    }

    /**
     * {@code talkfx serve --state-dir DIR} plus {@code extraArgs}: through the {@code talkfx} launcher when
     * {@code -Dtalkfx.root} points at a checkout that has one, else this JVM's java and class path.
     */
    public static List<String> defaultServeCommand(Path stateDir, String... extraArgs) {
        List<String> cmd = new ArrayList<>();
        String root = System.getProperty("talkfx.root");
        Path launcher = root == null ? null : Path.of(root, "talkfx");
        if (launcher != null && Files.isExecutable(launcher)) {
            cmd.add(launcher.toString());
        } else {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.talkfx.cli.TalkFx"));
        }
        cmd.addAll(List.of("serve", "--state-dir", stateDir.toString()));
        cmd.addAll(List.of(extraArgs));
        return cmd;
    }

    public JsonNode health() throws ServiceUnavailableException {
        return call("GET", "/v1/health", null, JsonNode.class);
    }

    public JsonNode version() throws ServiceUnavailableException {
        return call("GET", "/v1/version", null, JsonNode.class);
    }

    /** Queues a shot; {@code baseDir} anchors the setup's relative paths (usually the setup file's folder). */
    public JobStatus submit(ShotSetup setup, Path baseDir, int priority) throws ServiceUnavailableException {
        ObjectNode body = ShotSetupFile.JSON.createObjectNode();
        body.set("setup", ShotSetupFile.JSON.valueToTree(setup));
        if (baseDir != null) {
            body.put("base_dir", baseDir.toAbsolutePath().toString());
        }
        body.put("priority", priority);
        return call("POST", "/v1/jobs", body, JobStatus.class);
    }

    public JobStatus status(String jobId) throws ServiceUnavailableException {
        return call("GET", "/v1/jobs/" + jobId, null, JobStatus.class);
    }

    public List<JobStatus> jobs() throws ServiceUnavailableException {
        return call("GET", "/v1/jobs", null, new TypeReference<List<JobStatus>>() { });
    }

    public JobStatus cancel(String jobId) throws ServiceUnavailableException {
        return call("POST", "/v1/jobs/" + jobId + "/cancel", ShotSetupFile.JSON.createObjectNode(), JobStatus.class);
    }

    /** Asks the service to stop; unfinished jobs stay stored and resume at its next start. */
    public void shutdown() throws ServiceUnavailableException {
        call("POST", "/v1/shutdown", ShotSetupFile.JSON.createObjectNode(), JsonNode.class);
    }

    /**
     * Follows a job's events until it ends and returns its final status. If the connection drops first (the
     * service died or was stopped), throws {@link ServiceUnavailableException} saying how far the job got.
     */
    public JobStatus follow(String jobId, Consumer<JobEvent> onEvent) throws ServiceUnavailableException {
        HttpRequest req = request("/v1/jobs/" + jobId + "/events").header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted", null, e);
        }
        if (resp.statusCode() != 200) {
            String body;
            try (Stream<String> lines = resp.body()) {
                body = String.join("\n", lines.toList());
            }
            throw apiError(resp.statusCode(), body);
        }
        JobStatus last = null;
        try (Stream<String> lines = resp.body()) {
            String data = null;
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                } else if (line.isEmpty() && data != null) {
                    JobEvent e = ANSWERS.readValue(data, JobEvent.class);
                    data = null;
                    last = e.status();
                    onEvent.accept(e);
                    if (e.type().equals("end")) {
                        return e.status();
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw lost(jobId, last, e);
        }
        throw lost(jobId, last, null);
    }

    private static ServiceUnavailableException lost(String jobId, JobStatus last, Exception cause) {
        String where = last == null || last.windows() == null ? ""
                : " after " + last.windowsDone() + " of " + last.windows() + " windows";
        return new ServiceUnavailableException("the render service stopped while job " + jobId + " was "
                + (last == null ? "queued" : last.state().name().toLowerCase(java.util.Locale.ROOT)) + where
                + "; finished windows are in the cache and a restarted service resumes the job", last, cause);
    }

    private <T> T call(String method, String path, JsonNode body, Class<T> type) throws ServiceUnavailableException {
        return call(method, path, body, ANSWERS.getTypeFactory().constructType(type));
    }

    private <T> T call(String method, String path, JsonNode body, TypeReference<T> type) throws ServiceUnavailableException {
        return call(method, path, body, ANSWERS.getTypeFactory().constructType(type));
    }

    private <T> T call(String method, String path, JsonNode body, com.fasterxml.jackson.databind.JavaType type)
            throws ServiceUnavailableException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
        try {
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(ShotSetupFile.JSON.writeValueAsBytes(body)));
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 != 2) {
                throw apiError(resp.statusCode(), resp.body());
            }
            return ANSWERS.readValue(resp.body(), type);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted", null, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(path.endsWith("/events") ? Duration.ofDays(7) : REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private ServiceUnavailableException unreachable(IOException e) {
        return new ServiceUnavailableException("the render service at " + base + " does not answer: " + e, null, e);
    }

    private static ServiceApiException apiError(int status, String body) {
        try {
            JsonNode n = ANSWERS.readTree(body);
            List<String> problems = new ArrayList<>();
            n.path("problems").forEach(p -> problems.add(p.asText()));
            return new ServiceApiException(status, n.path("error").asText(body), problems);
        } catch (IOException | RuntimeException notJson) {
            return new ServiceApiException(status, body, List.of());
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
