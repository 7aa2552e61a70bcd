package org.talkfx.panel.model;

import org.talkfx.service.JobStatus;
import org.talkfx.timeline.MediaReference;
import org.talkfx.timeline.PlacedItem;
import org.talkfx.timeline.Timeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shots of a timeline (its enabled video clips) for the batch view. Each shot's setup lives next to the
 * timeline as {@code <shot name>.talkfx.json}; a shot without one is listed as "no setup". Job states replace the
 * status as jobs run.
 */
public final class BatchQueue {
    public record Shot(String name, String timecode, Path media, Path setupFile, String status, String jobId) {
        Shot withStatus(String s, String id) {
            return new Shot(name, timecode, media, setupFile, s, id);
        }
    }

    private final List<Shot> shots = new ArrayList<>();

    public static BatchQueue of(Timeline timeline) {
        BatchQueue q = new BatchQueue();
        Path dir = timeline.file().toAbsolutePath().getParent();
        double rate = timeline.rate();
        for (PlacedItem p : PanelModel.effectCandidates(timeline)) {
            String name = p.name() == null || p.name().isBlank() ? "shot" + (q.shots.size() + 1) : p.name();
            Path setup = dir.resolve(setupFileName(name));
            Path media = p.media() instanceof MediaReference.External e ? e.path() : null;
            String tc = p.timelineRange().start().plus(timeline.globalStartTime() == null || !timeline.globalStartTime().isFinite()
                    ? org.talkfx.timeline.RationalTime.zero(rate) : timeline.globalStartTime()).timecode(rate);
            q.shots.add(new Shot(name, tc, media, setup, Files.isRegularFile(setup) ? "ready" : "no setup", null));
        }
        return q;
    }

    /** A file name from a clip name: letters, digits, dot, dash and underscore kept, the rest replaced. */
    public static String setupFileName(String shotName) {
        return shotName.replaceAll("[^A-Za-z0-9._-]+", "_") + ".talkfx.json";
    }

    public List<Shot> shots() {
        return List.copyOf(shots);
    }

    public void update(int row, JobStatus status) {
        Shot s = shots.get(row);
        shots.set(row, s.withStatus(status.state().name().toLowerCase(java.util.Locale.ROOT)
                + (status.windows() == null ? "" : " " + status.windowsDone() + "/" + status.windows())
                + (status.error() == null ? "" : ": " + status.error()), status.id()));
    }

    public void fail(int row, String message) {
        shots.set(row, shots.get(row).withStatus("not queued: " + message, null));
    }
}
