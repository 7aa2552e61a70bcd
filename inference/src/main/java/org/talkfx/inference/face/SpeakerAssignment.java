package org.talkfx.inference.face;

import org.talkfx.common.BadInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which face track each speaker (audio track) is: {@code trackIds.get(k)} is speaker k+1's track.
 */
public record SpeakerAssignment(List<Integer> trackIds) {
    public SpeakerAssignment {
        trackIds = List.copyOf(trackIds);
        if (trackIds.stream().distinct().count() != trackIds.size()) {
            throw new BadInputException("a face track can speak for only one speaker: " + trackIds);
        }
    }

    /**
     * The official default for two speakers: speaker 1 is the leftmost person. With more tracks than speakers the
     * tracks seen in the most frames are used, then ordered left to right.
     */
    public static SpeakerAssignment leftToRight(List<FaceTrack> tracks, int speakers) {
        if (tracks.size() < speakers) {
            throw new BadInputException("found " + tracks.size() + " face track(s) for " + speakers
                    + " speaker(s); give speaker masks by hand");
        }
        List<FaceTrack> chosen = new ArrayList<>(tracks);
        chosen.sort(Comparator.comparingLong(FaceTrack::detectedFrames).reversed().thenComparingInt(FaceTrack::id));
        chosen = new ArrayList<>(chosen.subList(0, speakers));
        chosen.sort(Comparator.comparingDouble(FaceTrack::meanCenterX));
        return new SpeakerAssignment(chosen.stream().map(FaceTrack::id).toList());
    }

    /** The user's choice: {@code trackIds.get(k)} speaks for speaker k+1; every id must exist. */
    public static SpeakerAssignment chosen(List<FaceTrack> tracks, List<Integer> trackIds) {
        for (int id : trackIds) {
            if (tracks.stream().noneMatch(t -> t.id() == id)) {
                throw new BadInputException("there is no face track " + id + " (tracks: "
                        + tracks.stream().map(FaceTrack::id).toList() + ")");
            }
        }
        return new SpeakerAssignment(trackIds);
    }

    public int speakers() {
        return trackIds.size();
    }

    public FaceTrack track(List<FaceTrack> tracks, int speaker) {
        int id = trackIds.get(speaker);
        return tracks.stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no track " + id));
    }
}
