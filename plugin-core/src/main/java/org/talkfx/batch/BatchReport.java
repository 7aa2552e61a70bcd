package org.talkfx.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine-readable batch report, rewritten atomically whenever a shot changes state, so a killed batch leaves
 * a report that says which shots finished; the next run reads it to skip them.
 */
public final class BatchReport {
    public static final String FORMAT = "talkfx-batch-report/1";

    /** The JSON document. */
    public record Doc(String format, String batch, String started, String updated, int workers, int gpus,
                      Map<String, Integer> summary, List<ShotRecord> shots) {
    }

    private final Path file;
    private final String batch;
    private final String started = Instant.now().toString();
    private final int workers;
    private final int gpus;
    private final Map<String, ShotRecord> shots = new LinkedHashMap<>();

    public BatchReport(Path file, Path batchFile, int workers, int gpus) {
        this.file = file;
        this.batch = batchFile.toAbsolutePath().normalize().toString();
        this.workers = workers;
        this.gpus = gpus;
    }

    /** The report an earlier run left, if any and readable. */
    public static Optional<Doc> previous(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JobJson.read(file, Doc.class, "batch report"));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public synchronized void put(ShotRecord r) {
        shots.put(r.id(), r);
        write();
    }

    public synchronized List<ShotRecord> shots() {
        return new ArrayList<>(shots.values());
    }

    public synchronized Map<String, Integer> summary() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("shots", shots.size());
        for (String k : List.of(ShotRecord.DONE, ShotRecord.SKIPPED, ShotRecord.FAILED, ShotRecord.CANCELLED,
                ShotRecord.RUNNING, ShotRecord.PENDING)) {
            s.put(k, (int) shots.values().stream().filter(r -> k.equals(r.status())).count());
        }
        return s;
    }

    private void write() {
        JobJson.write(file, new Doc(FORMAT, batch, started, Instant.now().toString(), workers, gpus, summary(),
                new ArrayList<>(shots.values())));
    }

    public Path file() {
        return file;
    }
}
