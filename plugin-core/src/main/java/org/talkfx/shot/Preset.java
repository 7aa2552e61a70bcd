package org.talkfx.shot;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Starting values for the sampler; {@link Generation} overrides any of them. Draft follows the distilled-LoRA
 * settings of the InfiniteTalk README (few steps, low guidance), final the official defaults.
 */
public enum Preset {
    @JsonProperty("draft") DRAFT(8, 1.0, 2.0),
    @JsonProperty("final") FINAL(40, 5.0, 4.0);

    public static final long DEFAULT_SEED = 42;

    private final int steps;
    private final double textGuidance;
    private final double audioGuidance;

    Preset(int steps, double textGuidance, double audioGuidance) {
        this.steps = steps;
        this.textGuidance = textGuidance;
        this.audioGuidance = audioGuidance;
    }

    public int steps() {
        return steps;
    }

    public double textGuidance() {
        return textGuidance;
    }

    public double audioGuidance() {
        return audioGuidance;
    }
}
