package org.talkfx.shot;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The settings that decide generated pixels (see {@link ShotSetup#generationSettings()}); part of every cache
 * key. Audio and source files enter the key by content hash, not here.
 */
public record GenerationSettings(Mode mode, long inFrame, Long outFrame, Double fpsFallback, List<Voice> voices,
                                 boolean headsOnly, List<FrameRange> excludeRanges, int steps, long seed,
                                 double textGuidance, double audioGuidance, String prompt, AudioMode audioMode,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) HeadArea headArea) {
    /**
     * Heads only: feather and expand shape the area the engine regenerates, so they decide pixels there (null for
     * other regions, where they are compositing only and leave the key as it was).
     */
    public record HeadArea(double feather, double expand) {
    }

    public record Voice(double offsetSeconds, double gainDb, Integer faceTrack, Double audioIn, Double audioOut) {
    }
}
