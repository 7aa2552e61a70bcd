package org.talkfx.batch;

/**
 * What a shot job adds to its shot setup for a file render: the generation size and streaming window (the setup
 * leaves these to the host), a frame cap, and loudness normalisation. Null = the default.
 *
 * @param resolution 480, 720 or WxH (default 480)
 * @param window     frames per window, 4n+1 (default: the preset's, 81)
 * @param context    context frames, 4n+1 (default 9)
 * @param maxFrames  cap on generated 25 fps frames (default 0 = the whole audio)
 * @param loudness   -23 LUFS normalisation of each speaker (default true)
 */
public record RenderParams(String resolution, Integer window, Integer context, Integer maxFrames, Boolean loudness) {
    public static final RenderParams DEFAULT = new RenderParams(null, null, null, null, null);

    /** These values, each one replaced by {@code o}'s where {@code o} sets it. */
    public RenderParams overriddenBy(RenderParams o) {
        if (o == null) {
            return this;
        }
        return new RenderParams(o.resolution != null ? o.resolution : resolution, o.window != null ? o.window : window,
                o.context != null ? o.context : context, o.maxFrames != null ? o.maxFrames : maxFrames,
                o.loudness != null ? o.loudness : loudness);
    }

    public String effectiveResolution() {
        return resolution == null ? "480" : resolution;
    }

    public int effectiveMaxFrames() {
        return maxFrames == null ? 0 : maxFrames;
    }

    public boolean effectiveLoudness() {
        return loudness == null || loudness;
    }
}
