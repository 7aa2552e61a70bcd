package org.talkfx.panel.model;

import org.talkfx.timeline.TimeRange;
import org.talkfx.timeline.TrackKind;

import java.nio.file.Path;

/**
 * One clip that can give a speaker its voice. {@code id} is stable for the session (the OTIO JSON path of the clip,
 * or "file:" + path for files added by hand). {@code timelineRange} is where it plays, counted from the timeline's
 * start (null for hand-added files and setup speakers, which only have an offset). {@code offsetSeconds} is where the
 * media file's first sample sits relative to the effect clip's start: the value a {@code Speaker} wants.
 * {@code media} is the local file (null when the editor gave none); {@code problem} says why it cannot be used.
 */
public record LaneClip(String id, String name, String laneName, TrackKind kind, TimeRange timelineRange,
                       double offsetSeconds, Path media, String problem) {
    public boolean usable() {
        return problem == null;
    }
}
