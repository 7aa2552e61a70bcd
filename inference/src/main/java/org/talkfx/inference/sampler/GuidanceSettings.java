package org.talkfx.inference.sampler;

/**
 * Text and audio guidance as the official sampler combines them. {@code wrapperAudioScale} selects
 * WanVideoWrapper's 3-call variant where the audio term is scaled by text × audio (spec 5.3).
 */
public record GuidanceSettings(float textScale, float audioScale, boolean apg, float apgMomentum,
                               float apgNormThreshold, boolean wrapperAudioScale) {
    public static final float OFFICIAL_APG_MOMENTUM = -0.75f;
    public static final float OFFICIAL_APG_NORM_THRESHOLD = 55f;

    public GuidanceSettings {
        if (!Float.isFinite(textScale) || !Float.isFinite(audioScale) || textScale < 0 || audioScale < 0) {
            throw new IllegalArgumentException("guidance scales must be finite and >= 0");
        }
    }

    public static GuidanceSettings of(float textScale, float audioScale) {
        return new GuidanceSettings(textScale, audioScale, false, OFFICIAL_APG_MOMENTUM, OFFICIAL_APG_NORM_THRESHOLD,
                false);
    }

    public GuidanceSettings withApg(boolean on) {
        return new GuidanceSettings(textScale, audioScale, on, apgMomentum, apgNormThreshold, wrapperAudioScale);
    }

    /** The conditions one step evaluates: 3 with text guidance, 2 with audio only, 1 without guidance. */
    public Condition[] conditions() {
        if (textScale != 1f) {
            return new Condition[]{Condition.FULL, Condition.NO_TEXT, Condition.NONE};
        }
        if (audioScale != 1f) {
            return new Condition[]{Condition.FULL, Condition.NO_AUDIO};
        }
        return new Condition[]{Condition.FULL};
    }
}
