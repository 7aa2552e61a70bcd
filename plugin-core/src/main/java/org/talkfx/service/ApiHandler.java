package org.talkfx.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.talkfx.common.BadInputException;
import org.talkfx.shot.InvalidShotSetupException;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP/JSON API of the render service (see {@code docs/service.md}): authentication, routing, request limits,
 * and server-sent event streams.
 */
final class ApiHandler implements HttpHandler {
    /** Event data must fit on one line of the event stream. */
    private static final ObjectMapper ONE_LINE = ShotSetupFile.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> SUBMIT_FIELDS = Set.of("setup", "base_dir", "priority");

    /** What the handler needs from the service it belongs to. */
    record Service(String token, Path tokenFile, boolean remote, int maxBodyBytes, String executorName,
                   MediaPolicy policy, JobQueue jobs, Supplier<Job> running, BooleanSupplier stopping,
                   Runnable shutdown) {
    }

    private final Service service;

    ApiHandler(Service service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            boolean open = !service.remote() && (path.equals("/v1/health") || path.equals("/v1/version"));
            if (!open && !authorized(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"talkfx\"");
                throw new ApiError(401, "missing or wrong token: send \"Authorization: Bearer <token>\" with the token from "
                        + service.tokenFile());
            }
            route(ex, ex.getRequestMethod(), path);
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
            Job running = service.running().get();
            ObjectNode n = json().put("status", service.stopping().getAsBoolean() ? "stopping" : "ok")
                    .put("version", RenderService.version()).put("executor", service.executorName())
                    .put("queued", service.jobs().waitingCount());
            n.put("running", running == null ? null : running.id);
            send(ex, 200, n);
        } else if (path.equals("/v1/version")) {
            requireMethod(method, "GET");
            send(ex, 200, json().put("name", "talkfx").put("version", RenderService.version()).put("api", RenderService.API_VERSION));
        } else if (path.equals("/v1/jobs")) {
            if (method.equals("POST")) {
                send(ex, 201, submit(readBody(ex)).status());
            } else {
                requireMethod(method, "GET");
                send(ex, 200, service.jobs().statuses());
            }
        } else if (path.equals("/v1/shutdown")) {
            requireMethod(method, "POST");
            send(ex, 202, json().put("status", "stopping"));
            service.shutdown().run();
        } else if (parts.length >= 4 && parts[1].equals("v1") && parts[2].equals("jobs")) {
            Job job = service.jobs().find(parts[3]);
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
                    send(ex, 200, service.jobs().cancel(job));
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
        if (service.stopping().getAsBoolean()) {
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
            service.policy().resolve(setup, baseDir);
        } catch (InvalidShotSetupException e) {
            throw new ApiError(400, e.getMessage(), e.problems());
        } catch (PathRefusedException e) {
            throw new ApiError(403, e.getMessage());
        } catch (BadInputException e) {
            throw new ApiError(400, e.getMessage());
        }
        if (service.jobs().full()) {
            throw new ApiError(429, "the queue is full (" + JobQueue.MAX_QUEUED + " jobs)");
        }
        return service.jobs().submit(ShotSetupFile.JSON.valueToTree(setup), baseDir, prio == null ? 0 : prio.asInt());
    }

    private void streamEvents(HttpExchange ex, Job job) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        BlockingQueue<JobEvent> events = job.subscribe();
        try (OutputStream out = ex.getResponseBody()) {
            int idle = 0;
            while (!service.stopping().getAsBoolean()) {
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
        return MessageDigest.isEqual(h.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                service.token().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] readBody(HttpExchange ex) throws IOException {
        int max = service.maxBodyBytes();
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
