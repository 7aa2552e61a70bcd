package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file, read by us because DJL 0.36's reader cannot do bf16/fp8 or files over 2 GB.
 * The header is validated completely before anything else is read; tensor data is memory-mapped one tensor at a
 * time, on demand, so opening a 30 GB checkpoint to learn its architecture costs only the header.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Real headers are a few MB (14B DiT: ~100 kB); anything far larger is hostile or corrupt. */
    static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
                            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static SafetensorsFile open(Path path) {
        if (Files.isDirectory(path)) {
            throw new BadInputException(path, "is a directory, expected a .safetensors file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path, "file not found");
        } catch (IOException e) {
            throw new BadInputException(path, "cannot open: " + e.getMessage(), e);
        }
        try {
            return parse(path, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static SafetensorsFile parse(Path path, FileChannel channel) {
        try {
            long size = channel.size();
            if (size < 8) {
                throw bad(path, "too short to be a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen <= 1 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw bad(path, "invalid header length " + Long.toUnsignedString(headerLen) + " for a file of "
                        + size + " bytes (truncated or not a safetensors file)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(channel, header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw bad(path, "header is not valid JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) {
                throw bad(path, "header is not a JSON object");
            }
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue(), dataSize));
            }
            checkNoOverlaps(path, tensors);
            return new SafetensorsFile(path, channel, dataStart, Collections.unmodifiableMap(tensors),
                    Collections.unmodifiableMap(metadata));
        } catch (IOException e) {
            throw new BadInputException(path, "cannot read: " + e.getMessage(), e);
        }
    }

    private static TensorInfo parseEntry(Path path, String name, JsonNode node, long dataSize) {
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsets == null || !shapeNode.isArray() || !offsets.isArray()
                || offsets.size() != 2) {
            throw bad(path, "tensor '" + name + "' lacks dtype, shape or a two-element data_offsets");
        }
        DType dtype = DType.parse(dtypeNode.asText());
        if (dtype == null) {
            throw bad(path, "tensor '" + name + "' has unsupported dtype " + dtypeNode.asText());
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || d.asLong() < 0) {
                throw bad(path, "tensor '" + name + "' has an invalid dimension " + d);
            }
            shape[i] = d.asLong();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException overflow) {
                throw bad(path, "tensor '" + name + "' has an absurd shape " + shapeNode);
            }
        }
        if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw bad(path, "tensor '" + name + "' has non-integer data_offsets");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataSize) {
            throw bad(path, "tensor '" + name + "' data range [" + begin + ", " + end + ") lies outside the "
                    + dataSize + " data bytes (truncated file?)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(elements, dtype.bytes());
        } catch (ArithmeticException overflow) {
            throw bad(path, "tensor '" + name + "' has an absurd shape " + shapeNode);
        }
        if (end - begin != expected) {
            throw bad(path, "tensor '" + name + "' declares " + shapeNode + " " + dtype + " = " + expected
                    + " bytes but its data range holds " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void checkNoOverlaps(Path path, Map<String, TensorInfo> tensors) {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo a = sorted.get(i - 1);
            TensorInfo b = sorted.get(i);
            if (b.begin() < a.end()) {
                throw bad(path, "tensors '" + a.name() + "' and '" + b.name() + "' overlap in the data section");
            }
        }
    }

    public Path path() {
        return path;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new BadInputException(path, "has no tensor '" + name + "'");
        }
        return info;
    }

    /** The tensor's bytes, little endian, memory-mapped (read-only). */
    public ByteBuffer raw(String name) {
        TensorInfo info = info(name);
        if (info.byteSize() > Integer.MAX_VALUE) {
            throw new BadInputException(path, "tensor '" + name + "' is larger than 2 GiB; it cannot be mapped at once");
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.byteSize())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new BadInputException(path, "cannot map tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Any floating-point tensor widened to float32. */
    public float[] floats(String name) {
        TensorInfo info = info(name);
        if (!info.dtype().isFloatingPoint()) {
            throw new BadInputException(path, "tensor '" + name + "' is " + info.dtype() + ", expected a float type");
        }
        return TensorDecoding.toFloats(raw(name), info.dtype(), Math.toIntExact(info.elementCount()));
    }

    /**
     * Selected rows of a float tensor (index along dim 0), widened to float32, [rows.length * rowSize]. Only those
     * rows are mapped: umt5-xxl's 1 B-entry embedding table is larger than one mapping may be.
     */
    public float[] floatRows(String name, long[] rows) {
        TensorInfo info = info(name);
        if (!info.dtype().isFloatingPoint() || info.shape().length == 0) {
            throw new BadInputException(path, "tensor '" + name + "' is not a float tensor with rows");
        }
        long rowElements = info.elementCount() / Math.max(1, info.shape()[0]);
        long rowBytes = rowElements * info.dtype().bytes();
        float[] out = new float[Math.toIntExact(rows.length * rowElements)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= info.shape()[0]) {
                throw new IllegalArgumentException("row " + rows[i] + " outside tensor '" + name + "' of "
                        + info.shape()[0] + " rows");
            }
            try {
                ByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin() + rows[i] * rowBytes,
                        rowBytes).order(ByteOrder.LITTLE_ENDIAN);
                float[] row = TensorDecoding.toFloats(b, info.dtype(), (int) rowElements);
                System.arraycopy(row, 0, out, (int) (i * rowElements), row.length);
            } catch (IOException e) {
                throw new BadInputException(path, "cannot map tensor '" + name + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** An integer tensor as longs. */
    public long[] longs(String name) {
        TensorInfo info = info(name);
        return TensorDecoding.toLongs(raw(name), info.dtype(), Math.toIntExact(info.elementCount()), path, name);
    }

    /** The tensor as a float32 NDArray (or int64 for integer tensors) owned by {@code manager}. */
    public NDArray load(NDManager manager, String name) {
        TensorInfo info = info(name);
        Shape shape = new Shape(info.shape());
        if (!info.dtype().isFloatingPoint()) {
            return manager.create(longs(name), shape);
        }
        if (info.dtype() == DType.F32) {
            return manager.create(raw(name), shape, DataType.FLOAT32);
        }
        return manager.create(floats(name), shape);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
        buf.flip();
    }

    private static BadInputException bad(Path path, String problem) {
        return new BadInputException(path, problem);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close of a read-only channel loses nothing
        }
    }
}
