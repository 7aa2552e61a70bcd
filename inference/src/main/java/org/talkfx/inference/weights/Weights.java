package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.Set;

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
                        .map(k -> k.substring(prefix.length())).collect(java.util.stream.Collectors.toSet());
            }

            @Override
            public Path source() {
                return outer.source();
            }

            @Override
            public long[] shape(String key) {
                return outer.shape(prefix + key);
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
        };
    }
}
