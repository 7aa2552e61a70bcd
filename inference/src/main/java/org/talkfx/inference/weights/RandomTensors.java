package org.talkfx.inference.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random parameters with the initialisation the parity fixtures use (norm weights 1 + 0.1 N, biases 0.02 N,
 * matrices N(0, 1/sqrt(fan_in))), stored in a chosen dtype so tiny models also exercise the fp16 / fp8 load paths.
 * Each tensor draws from its own stream (seed mixed with the name), so adding a key does not change the others.
 */
public final class RandomTensors {
    private final long seed;
    private final DType storage;
    private final Map<String, TensorData> tensors = new LinkedHashMap<>();

    public RandomTensors(long seed, DType storage) {
        if (storage != DType.F32 && storage != DType.F16 && storage != DType.F8_E4M3) {
            throw new IllegalArgumentException("random weights are stored as F32, F16 or F8_E4M3, not " + storage);
        }
        this.seed = seed;
        this.storage = storage;
    }

    public RandomTensors(long seed) {
        this(seed, DType.F32);
    }

    /** A weight matrix / conv kernel: N(0, 1/sqrt(prod(shape[1:]))). */
    public RandomTensors matrix(String name, long... shape) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        return put(name, shape, 0f, (float) (1 / Math.sqrt(Math.max(1, fanIn))));
    }

    /** A norm gain: 1 + 0.1 N. */
    public RandomTensors normWeight(String name, long... shape) {
        return put(name, shape, 1f, 0.1f);
    }

    /** A bias or other 1-D parameter: 0.02 N. */
    public RandomTensors bias(String name, long... shape) {
        return put(name, shape, 0f, 0.02f);
    }

    /** N(mean, std) with explicit parameters. */
    public RandomTensors normal(String name, float mean, float std, long... shape) {
        return put(name, shape, mean, std);
    }

    public Map<String, TensorData> build() {
        return new LinkedHashMap<>(tensors);
    }

    private RandomTensors put(String name, long[] shape, float mean, float std) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + name.hashCode());
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * (float) gaussian(random);
        }
        tensors.put(name, switch (storage) {
            case F16 -> TensorData.f16(shape, values);
            case F8_E4M3 -> TensorData.f8e4m3(shape, values);
            default -> TensorData.f32(shape, values);
        });
        return this;
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
