package org.talkfx.shot;

/** The preset and the values that override it; a null override means "the preset's value". */
public record Generation(Preset preset, Integer steps, Long seed, Double textGuidance, Double audioGuidance,
                         String prompt) {
    public Generation {
        if (preset == null) {
            preset = Preset.DRAFT;
        }
    }

    public int effectiveSteps() {
        return steps != null ? steps : preset.steps();
    }

    public long effectiveSeed() {
        return seed != null ? seed : Preset.DEFAULT_SEED;
    }

    public double effectiveTextGuidance() {
        return textGuidance != null ? textGuidance : preset.textGuidance();
    }

    public double effectiveAudioGuidance() {
        return audioGuidance != null ? audioGuidance : preset.audioGuidance();
    }

    public String effectivePrompt() {
        return prompt != null ? prompt : "";
    }
}
