package org.talkfx.panel.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The render service as the panel's indicator shows it. {@code detail} is one line for the user; for
 * {@link State#MISSING_MODELS}, {@code missingFiles} lists exactly what the model folder lacks.
 */
public record ServiceStatus(State state, String detail, List<String> missingFiles) {
    public enum State { STARTING, READY, BUSY, UNREACHABLE, MISSING_MODELS }

    /** What the model folder check says before the list ({@code ModelDirectory}). */
    static final String MISSING_MARKER = "missing model files:";

    public ServiceStatus {
        missingFiles = List.copyOf(missingFiles);
    }

    public static ServiceStatus starting() {
        return new ServiceStatus(State.STARTING, "starting the render service…", List.of());
    }

    /** From {@code GET /v1/health}: busy while a job runs, else ready. */
    public static ServiceStatus fromHealth(JsonNode health) {
        JsonNode running = health.path("running");
        int queued = health.path("queued").asInt(0);
        String executor = health.path("executor").asText("?");
        if (!running.isMissingNode() && !running.isNull()) {
            return new ServiceStatus(State.BUSY, "busy: job " + running.asText() + (queued > 0 ? ", " + queued + " queued" : "")
                    + " (" + executor + ")", List.of());
        }
        return new ServiceStatus(State.READY, "ready (" + executor + ", version " + health.path("version").asText("?") + ")", List.of());
    }

    /** From a failure to start, reach or use the service; a model folder check lists the missing files. */
    public static ServiceStatus fromError(String message) {
        String m = message == null ? "no answer" : message;
        int at = m.indexOf(MISSING_MARKER);
        if (at >= 0) {
            List<String> files = new ArrayList<>();
            StringBuilder advice = new StringBuilder();
            for (String line : m.substring(at + MISSING_MARKER.length()).split("\n")) {
                String l = line.strip();
                if (l.startsWith("(")) {
                    advice.append(' ').append(l);   // the check's own hint, not a file
                } else if (!l.isEmpty()) {
                    files.add(l);
                }
            }
            return new ServiceStatus(State.MISSING_MODELS, "the model folder " + m.substring(0, at).replaceAll(":\\s*$", "").strip()
                    + " lacks " + files.size() + " part(s)" + advice, files);
        }
        return new ServiceStatus(State.UNREACHABLE, "unreachable: " + m
                + " — start it with `talkfx serve`, or check serve.log in ~/.config/talkfx", List.of());
    }
}
