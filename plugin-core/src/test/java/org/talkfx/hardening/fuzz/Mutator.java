package org.talkfx.hardening.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded mutations of byte inputs: byte-level operators (bit flips, inserts, deletes, splices, boundary integers)
 * and JSON-structure-aware ones (replace a value by a boundary value or another type, drop or duplicate a field,
 * nest deeply). Deterministic for a given seed, so every finding can be replayed.
 */
final class Mutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long[] BOUNDARY_LONGS = {0, 1, -1, 2, 7, 8, 255, 256, 65535, 65536, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 1L << 31, 1L << 32, 1L << 40, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final String[] ODD_STRINGS = {"", "..", "../../../etc/passwd", "/etc/passwd", "\u0000", "NaN",
            "Infinity", "-0", "1e309", "F8_E4M3", "BOOL", "U64", "c:\\x", "\uD800", "%s%n", "x".repeat(5000)};

    private final Random rng;

    Mutator(long seed) {
        this.rng = new Random(seed);
    }

    Random rng() {
        return rng;
    }

    /** One mutated child of {@code parent}; {@code corpus} is used for splicing. */
    byte[] mutate(byte[] parent, List<byte[]> corpus) {
        byte[] out = parent;
        int rounds = 1 + rng.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            out = rng.nextInt(3) == 0 ? bytes(out, corpus) : jsonOrBytes(out, corpus);
        }
        return out;
    }

    byte[] jsonOrBytes(byte[] in, List<byte[]> corpus) {
        byte[] j = mutateJson(in);
        return j != null ? j : bytes(in, corpus);
    }

    /** A structure-aware mutation, or null when {@code in} is not a JSON document. */
    byte[] mutateJson(byte[] in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (Exception e) {
            return null;
        }
        if (root == null || !root.isContainerNode()) {
            return null;
        }
        if (rng.nextInt(40) == 0) {
            // deeper than any tree mutation may write: the parsers' nesting limits and recursive walkers
            int depth = 500 + rng.nextInt(5000);
            return ("[".repeat(depth) + new String(in, java.nio.charset.StandardCharsets.UTF_8) + "]".repeat(depth))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(rng.nextInt(containers.size()));
        if (target instanceof ObjectNode obj) {
            mutateObject(obj);
        } else if (target instanceof ArrayNode arr) {
            mutateArray(arr);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            return null;
        }
    }

    private void mutateObject(ObjectNode obj) {
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty() || rng.nextInt(8) == 0) {
            obj.set(rng.nextBoolean() ? "__metadata__" : randomName(), oddValue());
            return;
        }
        String name = names.get(rng.nextInt(names.size()));
        switch (rng.nextInt(5)) {
            case 0 -> obj.remove(name);
            case 1 -> obj.set(name + (rng.nextBoolean() ? "_" : ""), obj.get(name).deepCopy());
            case 2 -> obj.set(name, deepNest(obj.get(name), 1 + rng.nextInt(990)));
            default -> obj.set(name, rng.nextInt(3) == 0 ? oddValue() : tweak(obj.get(name)));
        }
    }

    private void mutateArray(ArrayNode arr) {
        if (arr.isEmpty() || rng.nextInt(6) == 0) {
            arr.add(oddValue());
            return;
        }
        int i = rng.nextInt(arr.size());
        switch (rng.nextInt(4)) {
            case 0 -> arr.remove(i);
            case 1 -> arr.insert(i, arr.get(i).deepCopy());
            default -> arr.set(i, rng.nextInt(3) == 0 ? oddValue() : tweak(arr.get(i)));
        }
    }

    /** A nearby value of the same kind: numbers go to boundaries, strings get odd content. */
    private JsonNode tweak(JsonNode v) {
        if (v.isNumber()) {
            return switch (rng.nextInt(4)) {
                case 0 -> NODES.numberNode(BOUNDARY_LONGS[rng.nextInt(BOUNDARY_LONGS.length)]);
                case 1 -> NODES.numberNode(v.asLong() + rng.nextInt(17) - 8);
                case 2 -> NODES.numberNode(new BigInteger("9223372036854775808").shiftLeft(rng.nextInt(80)));
                default -> NODES.numberNode(rng.nextBoolean() ? -v.asDouble() : v.asDouble() * 1e300);
            };
        }
        if (v.isTextual()) {
            return NODES.textNode(rng.nextBoolean() ? ODD_STRINGS[rng.nextInt(ODD_STRINGS.length)]
                    : v.asText() + ODD_STRINGS[rng.nextInt(ODD_STRINGS.length)]);
        }
        return oddValue();
    }

    private JsonNode oddValue() {
        return switch (rng.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(rng.nextBoolean());
            case 2 -> NODES.numberNode(BOUNDARY_LONGS[rng.nextInt(BOUNDARY_LONGS.length)]);
            case 3 -> NODES.numberNode(rng.nextBoolean() ? 1e308 * 10 : -0.0);
            case 4 -> NODES.textNode(ODD_STRINGS[rng.nextInt(ODD_STRINGS.length)]);
            case 5 -> NODES.objectNode();
            case 6 -> NODES.arrayNode();
            case 7 -> {
                ArrayNode a = NODES.arrayNode();
                int n = rng.nextInt(6);
                for (int i = 0; i < n; i++) {
                    a.add(BOUNDARY_LONGS[rng.nextInt(BOUNDARY_LONGS.length)]);
                }
                yield a;
            }
            default -> NODES.numberNode(rng.nextDouble() * 1000);
        };
    }

    private JsonNode deepNest(JsonNode inner, int depth) {
        JsonNode n = inner;
        for (int i = 0; i < depth; i++) {
            n = rng.nextBoolean() ? NODES.arrayNode().add(n) : NODES.objectNode().set("k", n);
        }
        return n;
    }

    private String randomName() {
        return "t" + rng.nextInt(100);
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (!n.isContainerNode()) {
            return;
        }
        out.add(n);
        if (out.size() > 4000) {
            return;
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                collect(it.next().getValue(), out);
            }
        } else {
            n.forEach(c -> collect(c, out));
        }
    }

    /** Byte-level mutations, blind to structure. */
    byte[] bytes(byte[] in, List<byte[]> corpus) {
        byte[] b = in.length == 0 ? new byte[] {0} : in;
        int pos = rng.nextInt(b.length);
        switch (rng.nextInt(8)) {
            case 0 -> {
                byte[] c = b.clone();
                c[pos] ^= (byte) (1 << rng.nextInt(8));
                return c;
            }
            case 1 -> {
                byte[] c = b.clone();
                c[pos] = (byte) rng.nextInt(256);
                return c;
            }
            case 2 -> {
                int n = 1 + rng.nextInt(Math.min(64, b.length));
                byte[] ins = new byte[n];
                rng.nextBytes(ins);
                return splice(b, pos, 0, ins);
            }
            case 3 -> {
                int n = 1 + rng.nextInt(Math.max(1, Math.min(b.length - pos, 256)));
                return splice(b, pos, Math.min(n, b.length - pos), new byte[0]);
            }
            case 4 -> {
                // a boundary integer written over whatever was there, little or big endian
                long v = BOUNDARY_LONGS[rng.nextInt(BOUNDARY_LONGS.length)];
                int width = new int[] {1, 2, 4, 8}[rng.nextInt(4)];
                byte[] c = b.clone();
                boolean little = rng.nextBoolean();
                for (int i = 0; i < width && pos + i < c.length; i++) {
                    int shift = little ? 8 * i : 8 * (width - 1 - i);
                    c[pos + i] = (byte) (v >>> shift);
                }
                return c;
            }
            case 5 -> {
                byte[] other = corpus.get(rng.nextInt(corpus.size()));
                int from = rng.nextInt(Math.max(1, other.length));
                int len = Math.min(other.length - from, 1 + rng.nextInt(512));
                return splice(b, pos, rng.nextInt(Math.max(1, b.length - pos)), Arrays.copyOfRange(other, from,
                        from + Math.max(0, len)));
            }
            case 6 -> {
                return Arrays.copyOf(b, rng.nextInt(b.length + 1)); // truncation
            }
            default -> {
                // repeat a chunk: duplicated boxes, atoms and records
                int len = 1 + rng.nextInt(Math.min(b.length - pos, 128));
                return splice(b, pos, 0, Arrays.copyOfRange(b, pos, pos + len));
            }
        }
    }

    static byte[] splice(byte[] b, int pos, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, pos);
        out.write(insert, 0, insert.length);
        out.write(b, pos + remove, b.length - pos - remove);
        return out.toByteArray();
    }
}
