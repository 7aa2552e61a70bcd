package org.talkfx.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An imported OTIO timeline: its tree, where every item plays, and what the importer skipped or could not
 * resolve ({@link #issues()}). Times are counted from the timeline's start; add {@link #globalStartTime()} for
 * the editor's displayed timecode.
 */
public record Timeline(Path file, String name, RationalTime globalStartTime, Composable.Stack tracks,
                       List<PlacedItem> placed, List<ImportIssue> issues) {

    public static Timeline of(Path file, String name, RationalTime globalStartTime, Composable.Stack tracks,
                              List<ImportIssue> issues) {
        return new Timeline(file, name, globalStartTime, tracks, TimelineLayout.place(tracks), List.copyOf(issues));
    }

    /** The rate of the timeline: that of global_start_time, else of the first clip or gap with a range, else 24. */
    public double rate() {
        if (globalStartTime != null && globalStartTime.isFinite()) {
            return globalStartTime.rate();
        }
        for (PlacedItem p : placed) {
            TimeRange r = p.item() instanceof Composable.Clip c ? c.trimmedRange()
                    : p.item() instanceof Composable.Gap g ? g.sourceRange() : null;
            if (r != null && r.duration().isFinite()) {
                return r.duration().rate();
            }
        }
        return 24.0;
    }

    public RationalTime duration() {
        return tracks.duration();
    }

    public List<PlacedItem> clips() {
        return placed.stream().filter(p -> p.item() instanceof Composable.Clip).toList();
    }

    public List<PlacedItem> clips(TrackKind kind) {
        return clips().stream().filter(p -> p.kind() == kind).toList();
    }

    /**
     * Enabled audio clips that sound during {@code range} (e.g. the effect's clip range), ordered by timeline
     * start; each carries its timeline position, so {@code offsetSecondsFrom(range.start())} is the speaker
     * offset the shot setup wants.
     */
    public List<PlacedItem> audioClipsOverlapping(TimeRange range) {
        List<PlacedItem> out = new ArrayList<>();
        for (PlacedItem p : clips(TrackKind.AUDIO)) {
            if (p.enabled() && p.timelineRange().overlaps(range)) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing((PlacedItem p) -> p.timelineRange().start()));
        return out;
    }

    /** The placed item with this name (first in file order), for tests and the panel's look-ups. */
    public PlacedItem find(String itemName) {
        return placed.stream().filter(p -> itemName.equals(p.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no item named " + itemName + " in " + file));
    }
}
