package org.talkfx.shot;

import java.util.List;

/**
 * The settings that decide generated pixels (see {@link ShotSetup#generationSettings()}); part of every cache
 * key. Audio and source files enter the key by content hash, not here.
 */
public record GenerationSettings(Mode mode, long inFrame, Long outFrame, Double fpsFallback, List<Voice> voices,
                                 boolean headsOnly, List<FrameRange> excludeRanges, int steps, long seed,
                                 double textGuidance, double audioGuidance, String prompt, AudioMode audioMode) {
    public record Voice(double offsetSeconds, double gainDb, Integer faceTrack, Double audioIn, Double audioOut) {
    }
}
