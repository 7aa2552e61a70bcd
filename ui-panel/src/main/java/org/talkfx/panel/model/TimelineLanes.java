package org.talkfx.panel.model;

import org.talkfx.timeline.Composable;
import org.talkfx.timeline.MediaReference;
import org.talkfx.timeline.PlacedItem;
import org.talkfx.timeline.RationalTime;
import org.talkfx.timeline.TimeRange;
import org.talkfx.timeline.Timeline;
import org.talkfx.timeline.TrackKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an imported timeline into lanes for the clips that sound under the effect's clip. Audio tracks come first;
 * clips of video tracks follow in their own lanes because editors often keep the dialogue inside the camera files
 * (their media's audio stream is what a speaker then uses).
 */
public final class TimelineLanes {
    private TimelineLanes() {
    }

    public static List<Lane> of(Timeline timeline, TimeRange effectRange) {
        Map<String, List<LaneClip>> audio = new LinkedHashMap<>();
        Map<String, List<LaneClip>> video = new LinkedHashMap<>();
        for (PlacedItem p : timeline.clips()) {
            if (!p.enabled() || !p.timelineRange().overlaps(effectRange) || p.kind() == TrackKind.OTHER) {
                continue;
            }
            Map<String, List<LaneClip>> target = p.kind() == TrackKind.AUDIO ? audio : video;
            String lane = laneName(p, target.size() + 1);
            target.computeIfAbsent(lane, k -> new ArrayList<>()).add(clip(p, lane, effectRange.start()));
        }
        List<Lane> lanes = new ArrayList<>();
        audio.forEach((name, clips) -> lanes.add(new Lane(name, TrackKind.AUDIO, clips)));
        video.forEach((name, clips) -> lanes.add(new Lane(name, TrackKind.VIDEO, clips)));
        return lanes;
    }

    private static String laneName(PlacedItem p, int next) {
        String prefix = p.kind() == TrackKind.AUDIO ? "A" : "V";
        return p.trackName() == null || p.trackName().isBlank() ? prefix + next : p.trackName();
    }

    static LaneClip clip(PlacedItem p, String lane, RationalTime effectStart) {
        Composable.Clip c = (Composable.Clip) p.item();
        MediaReference m = c.media();
        // The file's first sample plays at (clip start - (media time at clip start - media's own start)).
        double mediaStart = m != null && m.availableRange() != null && m.availableRange().start().isFinite()
                ? m.availableRange().start().seconds() : 0.0;
        double intoMedia = p.sourceStart() != null && p.sourceStart().isFinite() ? p.sourceStart().seconds() - mediaStart : 0.0;
        double offset = p.offsetSecondsFrom(effectStart) - intoMedia;
        String problem = null;
        java.nio.file.Path file = null;
        if (m instanceof MediaReference.External e) {
            file = e.path();
            if (file == null) {
                problem = "media is not a local file: " + e.targetUrl();
            } else if (!e.exists()) {
                problem = "media missing: " + file;
            }
        } else if (m instanceof MediaReference.Missing) {
            problem = "the editor exported no media for this clip";
        } else {
            problem = "media kind not supported: " + (m == null ? "none" : ((MediaReference.Other) m).schema());
        }
        String name = c.name() == null || c.name().isBlank() ? "(unnamed)" : c.name();
        return new LaneClip(c.jsonPath(), name, lane, p.kind(), p.timelineRange(), offset, file, problem);
    }
}
