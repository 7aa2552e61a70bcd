package org.talkfx.inference.pipeline;

import java.util.SplittableRandom;

/**
 * The initial Gaussian noise of each window. The default is drawn in Java from the seed and the window index, so
 * it is the same on every machine and thread count; tests inject their own.
 */
@FunctionalInterface
public interface NoiseSource {
    float[] noise(int window, int count);

    static NoiseSource seeded(long seed) {
        return (window, count) -> {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + window);
            float[] out = new float[count];
            for (int i = 0; i < count; i += 2) {
                // Box-Muller: two independent normals per pair of uniforms (u1 in (0, 1] avoids log(0)).
                double u1 = 1.0 - random.nextDouble();
                double u2 = random.nextDouble();
                double r = Math.sqrt(-2.0 * Math.log(u1));
                out[i] = (float) (r * Math.cos(2 * Math.PI * u2));
                if (i + 1 < count) {
                    out[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
                }
            }
            return out;
        };
    }
}
