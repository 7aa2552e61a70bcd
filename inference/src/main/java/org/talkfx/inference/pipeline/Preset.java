package org.talkfx.inference.pipeline;

import org.talkfx.inference.sampler.GuidanceSettings;
import org.talkfx.inference.sampler.SolverKind;

import java.util.Locale;

/**
 * Named starting points. FINAL is the official InfiniteTalk default (40 Euler steps, text 5, audio 4, shift 7 at
 * 480p and 11 at 720p); DRAFT is the speed-LoRA setting (4 steps, no guidance, shift 2).
 */
public enum Preset {
    FINAL, DRAFT;

    public GenerationSettings settings(boolean hd) {
        return switch (this) {
            case FINAL -> new GenerationSettings(81, 9, 40, hd ? 11f : 7f, SolverKind.EULER,
                    GuidanceSettings.of(5f, 4f), 1f, 42, 0, EndPadding.REVERSED_TAIL, null, null, false);
            case DRAFT -> new GenerationSettings(81, 9, 4, 2f, SolverKind.EULER, GuidanceSettings.of(1f, 1f), 1f, 42, 0,
                    EndPadding.REVERSED_TAIL, null, null, true);
        };
    }

    public static Preset parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (final, draft)");
        }
    }
}
