package org.talkfx.inference.face;

import java.util.List;

/**
 * Faces of a whole clip.
 *
 * @param width          frame width in pixels
 * @param height         frame height in pixels
 * @param frames         number of frames analysed
 * @param tracks         per-person tracks, numbered by first appearance
 * @param framesWithFace number of frames in which the detector found at least one face
 */
public record FaceAnalysis(int width, int height, int frames, List<FaceTrack> tracks, int framesWithFace) {
    public FaceAnalysis {
        tracks = List.copyOf(tracks);
    }

    public boolean noFaceFound() {
        return tracks.isEmpty();
    }

    /** A sentence for users when no face was found: what happened and what they can do instead. */
    public String noFaceAdvice() {
        return "no face found in " + frames + " frame(s) of " + width + "x" + height
                + (framesWithFace > 0 ? " (only " + framesWithFace + " frame(s) had a brief detection, too short for a track)" : "")
                + "; paint a head mask by hand (a user mask is used as it is) or lower the detection threshold";
    }
}
