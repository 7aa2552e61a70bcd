package org.talkfx.timeline;

/** OTIO's {@code Track.kind}; anything other than "Video" and "Audio" is kept as OTHER. */
public enum TrackKind {
    VIDEO, AUDIO, OTHER;

    static TrackKind parse(String kind) {
        if ("Video".equalsIgnoreCase(kind)) {
            return VIDEO;
        }
        if ("Audio".equalsIgnoreCase(kind)) {
            return AUDIO;
        }
        return OTHER;
    }
}
