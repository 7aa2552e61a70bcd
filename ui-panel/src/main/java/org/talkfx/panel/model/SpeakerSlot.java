package org.talkfx.panel.model;

/** What the panel knows about speaker N: the clip giving its voice, its gain, whether it is used, its face track. */
public record SpeakerSlot(LaneClip clip, double gainDb, boolean enabled, Integer faceTrack) {
    public static SpeakerSlot empty() {
        return new SpeakerSlot(null, 0.0, true, null);
    }

    public SpeakerSlot withClip(LaneClip c) {
        return new SpeakerSlot(c, gainDb, enabled, faceTrack);
    }

    public SpeakerSlot withFaceTrack(Integer track) {
        return new SpeakerSlot(clip, gainDb, enabled, track);
    }

    public SpeakerSlot withGainDb(double g) {
        return new SpeakerSlot(clip, g, enabled, faceTrack);
    }

    public SpeakerSlot withEnabled(boolean e) {
        return new SpeakerSlot(clip, gainDb, e, faceTrack);
    }

    public boolean isEmpty() {
        return clip == null;
    }
}
