package org.talkfx.inference.pipeline;

import org.talkfx.inference.sampler.GuidanceSettings;
import org.talkfx.inference.sampler.SolverKind;

/**
 * Every knob of a generation run. Start from {@link Preset#settings} and override with the {@code with*} methods.
 *
 * @param maxFrames    cap on generated frames at 25 fps (0 = no cap; the official CLI caps at 1000)
 * @param denoiseStart first solver step (0 = from pure noise); head-only runs may start later (SDEdit)
 */
public record GenerationSettings(int frames, int contextFrames, int steps, float shift, SolverKind solver,
                                 GuidanceSettings guidance, float colorStrength, long seed, int maxFrames,
                                 EndPadding endPadding, String prompt, String negativePrompt, boolean speedLora) {
    public static final String DEFAULT_PROMPT = "A person is talking, natural expression, looking at the camera.";
    /** Wan's default negative prompt for InfiniteTalk (English version). */
    public static final String DEFAULT_NEGATIVE = "bright tones, overexposed, static, blurred details, subtitles, "
            + "style, works, paintings, images, static, overall gray, worst quality, low quality, JPEG compression "
            + "residue, ugly, incomplete, extra fingers, poorly drawn hands, poorly drawn faces, deformed, "
            + "disfigured, misshapen limbs, fused fingers, still picture, messy background, three legs, many people "
            + "in the background, walking backwards";

    public GenerationSettings {
        new WindowPlan(frames, contextFrames, 1); // validates window and context lengths
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (!(shift > 0)) {
            throw new IllegalArgumentException("shift must be positive, got " + shift);
        }
        if (colorStrength < 0 || colorStrength > 1) {
            throw new IllegalArgumentException("colour correction strength must be in [0, 1], got " + colorStrength);
        }
        if (maxFrames < 0) {
            throw new IllegalArgumentException("max frames must be >= 0");
        }
        prompt = prompt == null ? DEFAULT_PROMPT : prompt;
        negativePrompt = negativePrompt == null ? DEFAULT_NEGATIVE : negativePrompt;
    }

    public GenerationSettings withSteps(int v) {
        return new GenerationSettings(frames, contextFrames, v, shift, solver, guidance, colorStrength, seed, maxFrames,
                endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withShift(float v) {
        return new GenerationSettings(frames, contextFrames, steps, v, solver, guidance, colorStrength, seed, maxFrames,
                endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withWindow(int windowFrames, int context) {
        return new GenerationSettings(windowFrames, context, steps, shift, solver, guidance, colorStrength, seed,
                maxFrames, endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withSolver(SolverKind v) {
        return new GenerationSettings(frames, contextFrames, steps, shift, v, guidance, colorStrength, seed, maxFrames,
                endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withGuidance(GuidanceSettings v) {
        return new GenerationSettings(frames, contextFrames, steps, shift, solver, v, colorStrength, seed, maxFrames,
                endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withColorStrength(float v) {
        return new GenerationSettings(frames, contextFrames, steps, shift, solver, guidance, v, seed, maxFrames,
                endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withSeed(long v) {
        return new GenerationSettings(frames, contextFrames, steps, shift, solver, guidance, colorStrength, v, maxFrames,
                endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withMaxFrames(int v) {
        return new GenerationSettings(frames, contextFrames, steps, shift, solver, guidance, colorStrength, seed, v,
                endPadding, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withEndPadding(EndPadding v) {
        return new GenerationSettings(frames, contextFrames, steps, shift, solver, guidance, colorStrength, seed,
                maxFrames, v, prompt, negativePrompt, speedLora);
    }

    public GenerationSettings withPrompts(String positive, String negative) {
        return new GenerationSettings(frames, contextFrames, steps, shift, solver, guidance, colorStrength, seed,
                maxFrames, endPadding, positive, negative, speedLora);
    }
}
