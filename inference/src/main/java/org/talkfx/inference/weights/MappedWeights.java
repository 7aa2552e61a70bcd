package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A renaming view over another source, optionally multiplying some tensors by a per-tensor scale stored beside
 * them (ComfyUI "scaled" fp8 checkpoints: {@code X.weight} in fp8, {@code X.scale_weight} in fp32).
 */
final class MappedWeights implements Weights {
    private final Weights base;
    private final Map<String, String> visibleToSource;
    private final Map<String, String> scaleKeys;

    MappedWeights(Weights base, Map<String, String> visibleToSource, Map<String, String> scaleKeys) {
        this.base = base;
        this.visibleToSource = visibleToSource;
        this.scaleKeys = scaleKeys;
    }

    private String src(String key) {
        String s = visibleToSource.get(key);
        if (s == null) {
            throw new BadInputException(base.source(), "missing weight '" + key + "'");
        }
        return s;
    }

    @Override
    public NDArray get(NDManager manager, String key) {
        NDArray t = base.get(manager, src(key));
        String scaleKey = scaleKeys.get(key);
        if (scaleKey == null) {
            return t;
        }
        try (NDManager tmp = manager.newSubManager()) {
            NDArray scale = base.get(tmp, scaleKey);
            long n = scale.size();
            if (n == 1) {
                scale = scale.reshape(1);
            } else if (t.getShape().dimension() > 0 && n == t.getShape().get(0)) {
                long[] s = new long[t.getShape().dimension()];
                java.util.Arrays.fill(s, 1);
                s[0] = n;
                scale = scale.reshape(s);
            } else {
                throw new BadInputException(base.source(), "scale '" + scaleKey + "' of shape " + scale.getShape()
                        + " does not fit '" + key + "' " + t.getShape());
            }
            NDArray scaled = t.mul(scale);
            t.close(); // the unscaled copy would otherwise live as long as the caller's manager
            return scaled;
        }
    }

    @Override
    public boolean contains(String key) {
        return visibleToSource.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(visibleToSource.keySet());
    }

    @Override
    public Path source() {
        return base.source();
    }

    @Override
    public long[] shape(String key) {
        return base.shape(src(key));
    }

    @Override
    public DType dtype(String key) {
        return base.dtype(src(key));
    }

    @Override
    public NDArray rows(NDManager manager, String key, long[] rows) {
        if (scaleKeys.containsKey(key)) {
            return Weights.super.rows(manager, key, rows);
        }
        return base.rows(manager, src(key), rows);
    }
}
