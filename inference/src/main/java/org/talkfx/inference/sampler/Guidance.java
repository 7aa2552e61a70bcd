package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.EnumMap;
import java.util.Map;

/**
 * Combines the model's velocities under the conditions of {@link GuidanceSettings#conditions()} into the guided
 * velocity. One instance per sampling run: the APG momentum buffers carry over from step to step.
 */
public final class Guidance {
    private final GuidanceSettings settings;
    private NDArray textMomentum;
    private NDArray audioMomentum;

    public Guidance(GuidanceSettings settings) {
        this.settings = settings;
    }

    public GuidanceSettings settings() {
        return settings;
    }

    /** The guided velocity, owned by the manager of the FULL prediction. */
    public NDArray combine(Map<Condition, NDArray> v) {
        NDArray cond = require(v, Condition.FULL);
        float text = settings.textScale();
        float audio = settings.audioScale();
        if (text != 1f) {
            NDArray dropText = require(v, Condition.NO_TEXT);
            NDArray uncond = require(v, Condition.NONE);
            if (settings.apg()) {
                NDArray textDiff = cond.sub(dropText);
                NDArray audioDiff = dropText.sub(uncond);
                textMomentum = momentum(textMomentum, textDiff);
                audioMomentum = momentum(audioMomentum, audioDiff);
                return cond.add(apg(textMomentum, cond).mul(text - 1f))
                        .add(apg(audioMomentum, cond).mul(audio - 1f));
            }
            float audioTerm = settings.wrapperAudioScale() ? text * audio : audio;
            return uncond.add(cond.sub(dropText).mul(text)).add(dropText.sub(uncond).mul(audioTerm));
        }
        if (audio != 1f) {
            NDArray dropAudio = require(v, Condition.NO_AUDIO);
            return dropAudio.add(cond.sub(dropAudio).mul(audio));
        }
        return cond;
    }

    /** Official MomentumBuffer: running = diff + momentum·running (running starts at 0). */
    private NDArray momentum(NDArray running, NDArray diff) {
        return running == null ? diff : diff.add(running.mul(settings.apgMomentum()));
    }

    /**
     * Adaptive projected guidance with η = 0: clip the difference's L2 norm to the threshold, then keep only the
     * component orthogonal to the conditional prediction (projection in float64, as the official code does).
     */
    private NDArray apg(NDArray diff, NDArray cond) {
        NDArray d = diff;
        float threshold = settings.apgNormThreshold();
        if (threshold > 0) {
            float norm = d.norm().getFloat();
            d = d.mul(Math.min(1f, threshold / norm));
        }
        NDArray d64 = d.toType(DataType.FLOAT64, false);
        NDArray c64 = cond.toType(DataType.FLOAT64, false);
        double cNorm = Math.max(c64.norm().getDouble(), 1e-12);
        NDArray unit = c64.div(cNorm);
        double dot = d64.mul(unit).sum().getDouble();
        NDArray orthogonal = d64.sub(unit.mul(dot));
        return orthogonal.toType(DataType.FLOAT32, false);
    }

    private static NDArray require(Map<Condition, NDArray> v, Condition c) {
        NDArray a = v.get(c);
        if (a == null) {
            throw new IllegalArgumentException("guidance needs the model output under " + c);
        }
        return a;
    }

    /** Convenience for callers that gather outputs in order of {@link GuidanceSettings#conditions()}. */
    public static Map<Condition, NDArray> byCondition(Condition[] conditions, NDArray[] outputs) {
        Map<Condition, NDArray> m = new EnumMap<>(Condition.class);
        for (int i = 0; i < conditions.length; i++) {
            m.put(conditions[i], outputs[i]);
        }
        return m;
    }
}
