package org.talkfx.inference.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * umT5 outputs cached on disk, one small safetensors file per (encoder, prompt): running a 5.7 B-parameter encoder
 * again for a prompt already seen is wasted minutes. Entries are written atomically and carry a checksum of their
 * data; an entry that fails to open, belongs to another model or prompt, or whose checksum differs is deleted
 * and recomputed.
 */
public final class TextEmbeddingCache {
    private static final String TENSOR = "context";
    private final Path dir;

    public TextEmbeddingCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The cached [len, dim] embedding, or {@code compute}'s result (then stored). */
    public NDArray getOrCompute(NDManager m, String modelIdentity, String prompt, Function<NDManager, NDArray> compute) {
        NDArray cached = read(m, modelIdentity, prompt);
        if (cached != null) {
            return cached;
        }
        NDArray computed = compute.apply(m);
        write(modelIdentity, prompt, computed);
        return computed;
    }

    /** The entry's path: SHA-256 of model identity and prompt. */
    public Path entry(String modelIdentity, String prompt) {
        return dir.resolve(sha256Hex((modelIdentity + "\u0000" + prompt).getBytes(StandardCharsets.UTF_8))
                + ".safetensors");
    }

    /** The cached embedding, or null when absent or unusable (an unusable entry is deleted). */
    public NDArray read(NDManager m, String modelIdentity, String prompt) {
        Path file = entry(modelIdentity, prompt);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, String> meta = f.metadata();
            if (f.contains(TENSOR) && f.info(TENSOR).shape().length == 2 && modelIdentity.equals(meta.get("model"))
                    && prompt.equals(meta.get("prompt"))) {
                float[] values = f.floats(TENSOR);
                if (checksum(values).equals(meta.get("sha256"))) {
                    return m.create(values, new Shape(f.info(TENSOR).shape()));
                }
            }
        } catch (BadInputException corrupt) {
            // falls through to deletion: a truncated or garbled entry is recomputed, not reported
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BadInputException(file, "corrupt text-embedding cache entry cannot be deleted: " + e.getMessage(), e);
        }
        return null;
    }

    public void write(String modelIdentity, String prompt, NDArray context) {
        float[] values = context.toFloatArray();
        SafetensorsWriter.write(entry(modelIdentity, prompt),
                Map.of(TENSOR, TensorData.f32(context.getShape().getShape(), values)),
                Map.of("model", modelIdentity, "prompt", prompt, "sha256", checksum(values)));
    }

    /**
     * Identity of an encoder checkpoint without hashing gigabytes: file name, size, the safetensors header and 16
     * samples of 4 KiB spread over the data. Re-downloads of the same file agree; a different fine-tune differs.
     */
    public static String identityOf(Path... files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    long size = raf.length();
                    d.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    d.update(ByteBuffer.allocate(8).putLong(size).array());
                    byte[] buf = new byte[4096];
                    for (int i = 0; i < 17; i++) {
                        long pos = i == 0 ? 0 : Math.max(0, (size - buf.length) * i / 16);
                        raf.seek(pos);
                        int n = raf.read(buf, 0, (int) Math.min(buf.length, size - pos));
                        if (n > 0) {
                            d.update(buf, 0, n);
                        }
                    }
                    if (size > 8) {
                        raf.seek(0);
                        byte[] len = new byte[8];
                        raf.readFully(len);
                        long headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
                        if (headerLen > 0 && headerLen <= Math.min(size - 8, 100L << 20)) {
                            byte[] header = new byte[(int) headerLen];
                            raf.readFully(header);
                            d.update(header);
                        }
                    }
                } catch (IOException e) {
                    throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checksum(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return sha256Hex(b.array());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
