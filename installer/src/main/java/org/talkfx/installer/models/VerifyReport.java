package org.talkfx.installer.models;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@code models verify}: every file looked at, the required components that are missing, mismatches
 * between components (a DiT and an adapter of different widths...) and the face detector files.
 */
public record VerifyReport(Path dir, List<FileReport> files, List<ModelComponent> missing, List<String> mismatches,
                           List<FaceDetectorCheck.Result> faceDetector) {
    public VerifyReport {
        files = List.copyOf(files);
        missing = List.copyOf(missing);
        mismatches = List.copyOf(mismatches);
        faceDetector = List.copyOf(faceDetector);
    }

    /** The usable files of one component. */
    public List<FileReport> of(ModelComponent c) {
        return files.stream().filter(f -> f.component() == c && f.ok()).toList();
    }

    public int problems() {
        return (int) files.stream().filter(f -> !f.errors().isEmpty()).count() + missing.size() + mismatches.size()
                + (int) faceDetector.stream().filter(r -> !r.ok()).count();
    }

    public boolean ok() {
        return problems() == 0;
    }
}
