package org.talkfx.inference.nn;

import org.talkfx.inference.weights.TensorData;

import java.util.Random;

/**
 * Seeded random parameters for tiny test and demo models, drawn with the scales the parity fixtures use so that
 * activations stay in a sensible range through many layers: norm gains 1 + 0.1·N, other 1-D parameters 0.02·N,
 * matrices and kernels N(0, 1/sqrt(fan_in)). Each tensor has its own generator (seed and name), so adding a
 * parameter never changes the others.
 */
public final class RandomParams {
    private RandomParams() {
    }

    public static TensorData draw(String name, long[] shape, long seed) {
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, Math.toIntExact(d));
        }
        Random random = new Random(seed * 1_000_003L + name.hashCode());
        boolean normGain = name.endsWith("gamma") || (name.contains("norm") && name.endsWith("weight"));
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double g = random.nextGaussian();
            if (normGain) {
                values[i] = (float) (1 + 0.1 * g);
            } else if (shape.length <= 1) {
                values[i] = (float) (0.02 * g);
            } else {
                values[i] = (float) (g / Math.sqrt(fanIn));
            }
        }
        return TensorData.f32(shape, values);
    }
}
