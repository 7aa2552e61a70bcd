package org.talkfx.inference.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Safetensors files with real headers and no data: the file length is set past the header so the data section is
 * a hole. Used to prove that full-size checkpoints (the 14B DiT: 66 GB) are recognised from headers alone.
 */
final class SparseCheckpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Spec(DType dtype, long[] shape) {
        long bytes() {
            long n = dtype.bytes();
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private SparseCheckpoints() {
    }

    static void write(Path file, Map<String, Spec> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Spec> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype().name());
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + e.getValue().bytes());
            offset += e.getValue().bytes();
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            raf.write(json);
            raf.setLength(8 + json.length + offset);
        }
    }

    /** Writes {@code tensors} as {@code shards} files named like the official Wan shards, plus their index.json. */
    static Path writeSharded(Path dir, String stem, Map<String, Spec> tensors, int shards) throws IOException {
        long total = tensors.values().stream().mapToLong(Spec::bytes).sum();
        List<Map<String, Spec>> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            parts.add(new LinkedHashMap<>());
        }
        long done = 0;
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        for (Map.Entry<String, Spec> e : tensors.entrySet()) {
            int shard = (int) Math.min(shards - 1, done * shards / total);
            parts.get(shard).put(e.getKey(), e.getValue());
            map.put(e.getKey(), shardName(stem, shard, shards));
            done += e.getValue().bytes();
        }
        for (int i = 0; i < shards; i++) {
            write(dir.resolve(shardName(stem, i, shards)), parts.get(i));
        }
        Path indexFile = dir.resolve(stem + ".safetensors.index.json");
        JSON.writeValue(indexFile.toFile(), index);
        return indexFile;
    }

    static String shardName(String stem, int i, int n) {
        return String.format("%s-%05d-of-%05d.safetensors", stem, i + 1, n);
    }

    /** Every key and shape of Wan2.1-I2V-14B (official state_dict names, fp32 as in the official shards). */
    static Map<String, Spec> wanI2v14b(DType dtype) {
        Map<String, Spec> t = new LinkedHashMap<>();
        int dim = 5120;
        int ffn = 13824;
        linear(t, dtype, "patch_embedding", dim, 36, 1, 2, 2);
        linear(t, dtype, "text_embedding.0", dim, 4096);
        linear(t, dtype, "text_embedding.2", dim, dim);
        linear(t, dtype, "time_embedding.0", dim, 256);
        linear(t, dtype, "time_embedding.2", dim, dim);
        linear(t, dtype, "time_projection.1", 6 * dim, dim);
        linear(t, dtype, "img_emb.proj.0", 1280);
        linear(t, dtype, "img_emb.proj.1", 1280, 1280);
        linear(t, dtype, "img_emb.proj.3", dim, 1280);
        linear(t, dtype, "img_emb.proj.4", dim);
        for (int i = 0; i < 40; i++) {
            String b = "blocks." + i + ".";
            t.put(b + "modulation", new Spec(dtype, new long[]{1, 6, dim}));
            for (String p : new String[]{"q", "k", "v", "o"}) {
                linear(t, dtype, b + "self_attn." + p, dim, dim);
            }
            t.put(b + "self_attn.norm_q.weight", new Spec(dtype, new long[]{dim}));
            t.put(b + "self_attn.norm_k.weight", new Spec(dtype, new long[]{dim}));
            linear(t, dtype, b + "norm3", dim);
            for (String p : new String[]{"q", "k", "v", "o", "k_img", "v_img"}) {
                linear(t, dtype, b + "cross_attn." + p, dim, dim);
            }
            for (String p : new String[]{"norm_q", "norm_k", "norm_k_img"}) {
                t.put(b + "cross_attn." + p + ".weight", new Spec(dtype, new long[]{dim}));
            }
            linear(t, dtype, b + "ffn.0", ffn, dim);
            linear(t, dtype, b + "ffn.2", dim, ffn);
        }
        t.put("head.modulation", new Spec(dtype, new long[]{1, 2, dim}));
        linear(t, dtype, "head.head", 64, dim);
        return t;
    }

    /** The 330 keys of InfiniteTalk's single/infinitetalk.safetensors (all fp32). */
    static Map<String, Spec> infiniteTalkAdapter(DType normXDtype) {
        Map<String, Spec> t = new LinkedHashMap<>();
        DType f = DType.F32;
        int dim = 5120;
        for (int i = 0; i < 40; i++) {
            String b = "blocks." + i + ".";
            linear(t, normXDtype, b + "norm_x", dim);
            linear(t, f, b + "audio_cross_attn.q_linear", dim, dim);
            linear(t, f, b + "audio_cross_attn.kv_linear", 2 * dim, 768);
            linear(t, f, b + "audio_cross_attn.proj", dim, dim);
        }
        linear(t, f, "audio_proj.proj1", 512, 5 * 12 * 768);
        linear(t, f, "audio_proj.proj1_vf", 512, 8 * 12 * 768);
        linear(t, f, "audio_proj.proj2", 512, 512);
        linear(t, f, "audio_proj.proj3", 32 * 768, 512);
        linear(t, f, "audio_proj.norm", 768);
        return t;
    }

    /** A weight [shape] plus a bias [shape[0]]; a single dimension means a norm's weight and bias. */
    private static void linear(Map<String, Spec> t, DType dtype, String name, long... shape) {
        t.put(name + ".weight", new Spec(dtype, shape));
        t.put(name + ".bias", new Spec(dtype, new long[]{shape[0]}));
    }
}
