package org.talkfx.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unfinished jobs on disk ({@code jobs/<id>.json}), so that a service that dies or is stopped picks them up again
 * when it restarts; with the cache, that resumes each shot at its first missing window.
 */
final class JobStore {
    private final Path dir;

    JobStore(Path dir) {
        this.dir = dir;
    }

    void save(Job job) throws IOException {
        ObjectNode n = ServiceFiles.JSON.createObjectNode();
        n.put("id", job.id);
        n.put("priority", job.priority);
        n.put("sequence", job.sequence);
        n.put("submitted_millis", job.submittedMillis);
        if (job.baseDir != null) {
            n.put("base_dir", job.baseDir.toString());
        }
        n.set("setup", job.setupJson);
        AtomicFiles.write(dir.resolve(job.id + ".json"), ServiceFiles.JSON.writeValueAsBytes(n));
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(dir.resolve(id + ".json"));
    }

    /** The stored jobs in submission order; unreadable files are skipped (and left for a person to look at). */
    List<Job> load() throws IOException {
        List<Job> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
                try {
                    JsonNode n = ServiceFiles.JSON.readTree(f.toFile());
                    JsonNode base = n.get("base_dir");
                    out.add(new Job(n.get("id").asText(), n.get("priority").asInt(), n.get("sequence").asLong(),
                            n.get("submitted_millis").asLong(), n.get("setup"),
                            base == null ? null : Path.of(base.asText()), true));
                } catch (IOException | RuntimeException e) {
                    System.err.println("talkfx serve: skipping unreadable job file " + f + ": " + e.getMessage());
                }
            }
        }
        out.sort(Comparator.comparingLong(j -> j.sequence));
        return out;
    }
}
