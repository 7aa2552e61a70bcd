package org.talkfx.inference.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Speakers laid out on one timeline at 16 kHz: every speaker's track is full length, zero (silence) where that
 * speaker is absent, so wav2vec2 sees silence there and the character listens. {@code mix} is what is heard.
 */
public record SpeakerTimeline(List<float[]> tracks, float[] mix) {
    public static final int RATE = 16_000;
    public static final int FPS = 25;

    public static SpeakerTimeline of(List<SpeakerTrack> speakers, AudioMode mode) {
        if (speakers.isEmpty() || speakers.size() > 4) {
            throw new IllegalArgumentException("1 to 4 speakers, got " + speakers.size());
        }
        int[] starts = new int[speakers.size()];
        int cursor = 0;
        int total = 0;
        for (int i = 0; i < speakers.size(); i++) {
            SpeakerTrack s = speakers.get(i);
            int offset = (int) Math.round(s.offsetSeconds() * RATE);
            starts[i] = (mode == AudioMode.ADD ? cursor : 0) + offset;
            cursor = starts[i] + s.samples16k().length;
            total = Math.max(total, cursor);
        }
        List<float[]> tracks = new ArrayList<>();
        float[] mix = new float[total];
        for (int i = 0; i < speakers.size(); i++) {
            SpeakerTrack s = speakers.get(i);
            float[] t = new float[total];
            float[] src = s.samples16k();
            for (int j = 0; j < src.length; j++) {
                t[starts[i] + j] = src[j] * s.gain();
                mix[starts[i] + j] += t[starts[i] + j];
            }
            tracks.add(t);
        }
        return new SpeakerTimeline(tracks, mix);
    }

    public int samples() {
        return mix.length;
    }

    /** Video frames at 25 fps that the audio covers: floor(duration × 25), as the official feature length. */
    public int frames() {
        return (int) ((long) mix.length * FPS / RATE);
    }
}
