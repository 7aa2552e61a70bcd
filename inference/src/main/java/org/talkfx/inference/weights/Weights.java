package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Named parameters as the official state_dict names them, whatever file layout they came from. Networks read their
 * weights through this view, with {@link #prefixed} selecting a sub-module ({@code "blocks.3."}), so the same
 * network code loads official shards, single-file repacks, parity fixtures ({@code "weight."} prefix) and tiny
 * random configs.
 */
public interface Weights {
    /** The tensor as float32, owned by {@code manager}; throws BadInputException naming the source when absent. */
    NDArray get(NDManager manager, String key);

    boolean contains(String key);

    /** Every key visible through this view (without the view's prefix). */
    Set<String> keys();

    /** Where the weights came from, for error messages. */
    Path source();

    default long[] shape(String key) {
        throw new BadInputException(source(), "shape lookup not supported for '" + key + "'");
    }

    /** The stored element type (before widening), where the source knows it. */
    default DType dtype(String key) {
        return DType.F32;
    }

    /** Rows of a tensor (index along dim 0) as float32 [rows.length, ...]; sources may read only those rows. */
    default NDArray rows(NDManager manager, String key, long[] rows) {
        try (NDManager tmp = manager.newSubManager()) {
            NDArray picked = get(tmp, key).get(tmp.create(rows));
            picked.attach(manager);
            return picked;
        }
    }

    default Weights prefixed(String prefix) {
        Weights outer = this;
        return new Weights() {
            @Override
            public NDArray get(NDManager manager, String key) {
                return outer.get(manager, prefix + key);
            }

            @Override
            public boolean contains(String key) {
                return outer.contains(prefix + key);
            }

            @Override
            public Set<String> keys() {
                return outer.keys().stream().filter(k -> k.startsWith(prefix))
                        .map(k -> k.substring(prefix.length())).collect(Collectors.toSet());
            }

            @Override
            public Path source() {
                return outer.source();
            }

            @Override
            public long[] shape(String key) {
                return outer.shape(prefix + key);
            }

            @Override
            public DType dtype(String key) {
                return outer.dtype(prefix + key);
            }

            @Override
            public NDArray rows(NDManager manager, String key, long[] rows) {
                return outer.rows(manager, prefix + key, rows);
            }
        };
    }

    /**
     * Several sources seen as one state dict, as the official loader merges the Wan shards with the InfiniteTalk
     * adapter: a key present in more than one part is taken from the LAST part that has it.
     */
    static Weights union(List<Weights> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no weight sources");
        }
        return new Weights() {
            private Weights owner(String key) {
                for (int i = parts.size() - 1; i >= 0; i--) {
                    if (parts.get(i).contains(key)) {
                        return parts.get(i);
                    }
                }
                throw new BadInputException(source(), "missing weight '" + key + "'");
            }

            @Override
            public NDArray get(NDManager manager, String key) {
                return owner(key).get(manager, key);
            }

            @Override
            public boolean contains(String key) {
                return parts.stream().anyMatch(p -> p.contains(key));
            }

            @Override
            public Set<String> keys() {
                Set<String> all = new LinkedHashSet<>();
                parts.forEach(p -> all.addAll(p.keys()));
                return all;
            }

            @Override
            public Path source() {
                return parts.get(0).source();
            }

            @Override
            public long[] shape(String key) {
                return owner(key).shape(key);
            }

            @Override
            public DType dtype(String key) {
                return owner(key).dtype(key);
            }

            @Override
            public NDArray rows(NDManager manager, String key, long[] rows) {
                return owner(key).rows(manager, key, rows);
            }
        };
    }

    /** Tensors held in memory (random tiny models, benchmarks), under the given label for error messages. */
    static Weights inMemory(java.util.Map<String, TensorData> tensors, String label) {
        Path source = Path.of(label);
        return new Weights() {
            private TensorData data(String key) {
                TensorData t = tensors.get(key);
                if (t == null) {
                    throw new BadInputException(source, "missing weight '" + key + "'");
                }
                return t;
            }

            @Override
            public NDArray get(NDManager manager, String key) {
                TensorData t = data(key);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(t.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                int n = t.bytes().length / t.dtype().bytes();
                if (!t.dtype().isFloatingPoint()) {
                    return manager.create(TensorDecoding.toLongs(b, t.dtype(), n, source, key), new Shape(t.shape()));
                }
                return manager.create(TensorDecoding.toFloats(b, t.dtype(), n), new Shape(t.shape()));
            }

            @Override
            public boolean contains(String key) {
                return tensors.containsKey(key);
            }

            @Override
            public Set<String> keys() {
                return java.util.Collections.unmodifiableSet(tensors.keySet());
            }

            @Override
            public Path source() {
                return source;
            }

            @Override
            public long[] shape(String key) {
                return data(key).shape().clone();
            }

            @Override
            public DType dtype(String key) {
                return data(key).dtype();
            }
        };
    }

    /** A single safetensors file as a weight source. */
    static Weights of(SafetensorsFile file) {
        return new Weights() {
            @Override
            public NDArray get(NDManager manager, String key) {
                if (!file.contains(key)) {
                    throw new BadInputException(file.path(), "missing weight '" + key + "'");
                }
                return file.load(manager, key);
            }

            @Override
            public boolean contains(String key) {
                return file.contains(key);
            }

            @Override
            public Set<String> keys() {
                return file.tensors().keySet();
            }

            @Override
            public Path source() {
                return file.path();
            }

            @Override
            public long[] shape(String key) {
                return file.info(key).shape().clone();
            }

            @Override
            public DType dtype(String key) {
                return file.info(key).dtype();
            }

            @Override
            public NDArray rows(NDManager manager, String key, long[] rows) {
                long[] shape = file.info(key).shape().clone();
                shape[0] = rows.length;
                return manager.create(file.floatRows(key, rows), new Shape(shape));
            }
        };
    }
}
