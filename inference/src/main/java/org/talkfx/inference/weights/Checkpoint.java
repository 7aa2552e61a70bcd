package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The safetensors files of one checkpoint seen as one state dict: a single file, a sharded checkpoint through its
 * {@code *.safetensors.index.json} (weight_map), or a folder holding exactly one of those. Only headers are read
 * on open; tensors are mapped when asked for. Pickle checkpoints (.pth/.pt/.bin/.ckpt) are refused with the
 * command that converts them, since unpickling runs arbitrary code.
 */
public final class Checkpoint implements Weights, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX_SUFFIX = ".safetensors.index.json";

    private final Path source;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byKey;

    private Checkpoint(Path source, List<SafetensorsFile> files, Map<String, SafetensorsFile> byKey) {
        this.source = source;
        this.files = files;
        this.byKey = byKey;
    }

    public static Checkpoint open(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path)) {
            return openDirectory(path);
        }
        if (!Files.exists(path)) {
            throw new BadInputException(path, "file not found");
        }
        if (name.endsWith(INDEX_SUFFIX) || name.endsWith(".index.json")) {
            return openIndex(path);
        }
        if (name.endsWith(".pth") || name.endsWith(".pt") || name.endsWith(".bin") || name.endsWith(".ckpt")) {
            throw new BadInputException(path, "is a PyTorch pickle checkpoint, which TalkFX does not load (unpickling "
                    + "can run code). Use the safetensors file of the same model (docs/models.md), or convert once: "
                    + "python -c \"import torch,safetensors.torch as s; d=torch.load('" + path.getFileName()
                    + "',map_location='cpu',weights_only=True); s.save_file({k:v.contiguous() for k,v in d.items()},'"
                    + stem(path) + ".safetensors')\"");
        }
        if (name.endsWith(".gguf")) {
            throw new BadInputException(path, "GGUF checkpoints are not supported; use the fp16, fp8 or official "
                    + "safetensors files (docs/models.md)");
        }
        SafetensorsFile f = SafetensorsFile.open(path);
        Map<String, SafetensorsFile> byKey = new LinkedHashMap<>();
        f.tensors().keySet().forEach(k -> byKey.put(k, f));
        return new Checkpoint(path, List.of(f), byKey);
    }

    private static Checkpoint openDirectory(Path dir) {
        List<Path> indexes;
        List<Path> singles;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.sorted().toList();
            indexes = all.stream().filter(p -> p.getFileName().toString().endsWith(INDEX_SUFFIX)).toList();
            singles = all.stream().filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList();
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot list: " + e.getMessage(), e);
        }
        if (indexes.size() == 1) {
            return openIndex(indexes.get(0));
        }
        if (indexes.isEmpty() && singles.size() == 1) {
            return open(singles.get(0));
        }
        throw new BadInputException(dir, "holds " + indexes.size() + " *.safetensors.index.json and " + singles.size()
                + " .safetensors files; name the checkpoint file (or its index.json) itself");
    }

    private static Checkpoint openIndex(Path index) {
        JsonNode map;
        try {
            JsonNode root = JSON.readTree(index.toFile());
            map = root == null ? null : root.get("weight_map");
        } catch (IOException e) {
            throw new BadInputException(index, "is not valid JSON: " + e.getMessage(), e);
        }
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new BadInputException(index, "has no weight_map");
        }
        Path dir = index.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byKey = new LinkedHashMap<>();
        List<SafetensorsFile> opened = new ArrayList<>();
        try {
            for (var it = map.fields(); it.hasNext(); ) {
                var e = it.next();
                String shardName = e.getValue().asText();
                if (shardName.contains("/") || shardName.contains("\\") || shardName.startsWith(".")) {
                    throw new BadInputException(index, "weight_map names a shard outside its folder: " + shardName);
                }
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    Path p = dir.resolve(shardName);
                    if (!Files.isRegularFile(p)) {
                        throw new BadInputException(p, "shard listed in " + index.getFileName() + " is missing");
                    }
                    shard = SafetensorsFile.open(p);
                    opened.add(shard);
                    shards.put(shardName, shard);
                }
                if (!shard.contains(e.getKey())) {
                    throw new BadInputException(shard.path(), "lacks tensor '" + e.getKey() + "' that "
                            + index.getFileName() + " places there");
                }
                byKey.put(e.getKey(), shard);
            }
            return new Checkpoint(index, List.copyOf(opened), byKey);
        } catch (RuntimeException e) {
            opened.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    public List<SafetensorsFile> files() {
        return files;
    }

    /** Total bytes of tensor data, e.g. to estimate memory before loading. */
    public long dataBytes() {
        return byKey.entrySet().stream().mapToLong(e -> e.getValue().info(e.getKey()).byteSize()).sum();
    }

    private SafetensorsFile file(String key) {
        SafetensorsFile f = byKey.get(key);
        if (f == null) {
            throw new BadInputException(source, "missing weight '" + key + "'");
        }
        return f;
    }

    @Override
    public NDArray get(NDManager manager, String key) {
        return file(key).load(manager, key);
    }

    @Override
    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(byKey.keySet());
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public long[] shape(String key) {
        return file(key).info(key).shape().clone();
    }

    @Override
    public DType dtype(String key) {
        return file(key).info(key).dtype();
    }

    @Override
    public NDArray rows(NDManager manager, String key, long[] rows) {
        long[] shape = shape(key);
        shape[0] = rows.length;
        return manager.create(file(key).floatRows(key, rows), new Shape(shape));
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
