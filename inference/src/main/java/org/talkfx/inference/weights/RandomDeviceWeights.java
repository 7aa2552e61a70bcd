package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Random weights drawn directly on the manager's device from a name -> shape table, for speed measurements at
 * real scale (a 14B model's worth of random numbers never passes through Java memory). Matrices N(0, 1/fan_in),
 * norm weights 1 + 0.1 N, other vectors 0.02 N: the scales keep activations finite through many layers.
 */
public final class RandomDeviceWeights implements Weights {
    private final Map<String, long[]> shapes;

    public RandomDeviceWeights(Map<String, long[]> shapes) {
        this.shapes = Map.copyOf(shapes);
    }

    @Override
    public NDArray get(NDManager manager, String key) {
        long[] shape = shapes.get(key);
        if (shape == null) {
            throw new BadInputException(source(), "missing weight '" + key + "'");
        }
        Shape s = new Shape(shape);
        if (shape.length >= 2) {
            long fanIn = s.size() / shape[0];
            return manager.randomNormal(0f, (float) (1 / Math.sqrt(fanIn)), s, ai.djl.ndarray.types.DataType.FLOAT32);
        }
        NDArray noise = manager.randomNormal(s);
        if (key.contains("norm")) {
            NDArray out = noise.mul(0.1f).add(1f);
            noise.close();
            return out;
        }
        NDArray out = noise.mul(0.02f);
        noise.close();
        return out;
    }

    @Override
    public boolean contains(String key) {
        return shapes.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return shapes.keySet();
    }

    @Override
    public Path source() {
        return Path.of("<random weights>");
    }

    @Override
    public long[] shape(String key) {
        return shapes.get(key).clone();
    }
}
