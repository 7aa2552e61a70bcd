package org.talkfx.panel.model;

import org.talkfx.timeline.TrackKind;

import java.util.List;

/** A row of the timeline view: one OTIO track (or the hand-added files, or the speakers loaded from a setup). */
public record Lane(String name, TrackKind kind, List<LaneClip> clips) {
    public Lane {
        clips = List.copyOf(clips);
    }
}
