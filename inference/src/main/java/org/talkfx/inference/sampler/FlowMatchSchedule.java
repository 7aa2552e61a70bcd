package org.talkfx.inference.sampler;

/**
 * The timesteps a flow-matching run feeds the DiT: {@code steps + 1} values from about 1000 down to exactly 0.
 * The official InfiniteTalk schedule is float32 {@code linspace(1000, 1, steps)} with 0 appended, each value then
 * shifted by {@code t' = 1000·s·σ / (1 + (s − 1)·σ)}, σ = t/1000, all in float32 as torch computes it.
 */
public record FlowMatchSchedule(float[] timesteps) {
    public FlowMatchSchedule {
        if (timesteps.length < 2 || timesteps[timesteps.length - 1] != 0f) {
            throw new IllegalArgumentException("a schedule needs at least one step and must end at 0");
        }
        timesteps = timesteps.clone();
    }

    /** Official InfiniteTalk: linspace(1000, 1, steps) + [0], shifted. */
    public static FlowMatchSchedule official(int steps, float shift) {
        return new FlowMatchSchedule(shifted(rawOfficial(steps), shift));
    }

    /**
     * WanVideoWrapper's UniPC/DPM++ grid: σ = linspace(1, 0, steps + 1) without its last value, shifted, then a
     * final 0 (model timestep σ·1000).
     */
    public static FlowMatchSchedule uniform(int steps, float shift) {
        checkSteps(steps);
        float[] t = new float[steps + 1];
        for (int i = 0; i < steps; i++) {
            t[i] = (float) (1000.0 * (1.0 - (double) i / steps));
        }
        return new FlowMatchSchedule(shifted(t, shift));
    }

    /** float32 linspace(1000, 1, steps) + [0] before the shift, computed as numpy does (float64, then cast). */
    public static float[] rawOfficial(int steps) {
        checkSteps(steps);
        float[] t = new float[steps + 1];
        if (steps == 1) {
            t[0] = 1000f;
        } else {
            double step = (1.0 - 1000.0) / (steps - 1);
            for (int i = 0; i < steps; i++) {
                t[i] = (float) (i * step + 1000.0);
            }
            t[steps - 1] = 1f;
        }
        return t;
    }

    private static float[] shifted(float[] raw, float shift) {
        if (!(shift > 0)) {
            throw new IllegalArgumentException("shift must be positive, got " + shift);
        }
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            float s = raw[i] / 1000f;
            float shiftedSigma = shift * s / (1f + (shift - 1f) * s);
            out[i] = shiftedSigma * 1000f;
        }
        return out;
    }

    private static void checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
    }

    public int steps() {
        return timesteps.length - 1;
    }

    /** The model timestep of step i. */
    public float t(int i) {
        return timesteps[i];
    }

    /** σ_i = t_i / 1000, the noise fraction of x_t = (1 − σ)·x0 + σ·ε. */
    public float sigma(int i) {
        return timesteps[i] / 1000f;
    }

    /** The Euler step size (t_i − t_{i+1}) / 1000 in float32. */
    public float dt(int i) {
        return (timesteps[i] - timesteps[i + 1]) / 1000f;
    }

    @Override
    public float[] timesteps() {
        return timesteps.clone();
    }
}
