package org.talkfx.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of one cache entry: SHA-256 over the model identity, the source's content hash, the speakers'
 * audio content hashes (in speaker order), the generation settings serialised canonically (sorted keys, no
 * whitespace) and the window index. Each part is length-prefixed so that no two different inputs concatenate to
 * the same bytes.
 */
public record CacheKey(String hex) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** Bump when the meaning of entries changes (frame layout, key parts), so old entries are never misread. */
    static final String KEY_FORMAT = "talkfx-cache-key/1";
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    public CacheKey {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a cache key is 64 lower-case hex digits, got " + hex);
        }
    }

    public static CacheKey of(String modelIdentity, String sourceHash, List<String> audioHashes, Object settings,
                              int windowIndex) {
        MessageDigest md = Hashing.sha256();
        part(md, KEY_FORMAT);
        part(md, modelIdentity);
        part(md, sourceHash);
        part(md, Integer.toString(audioHashes.size()));
        audioHashes.forEach(h -> part(md, h));
        part(md, canonicalJson(settings));
        part(md, Integer.toString(windowIndex));
        return new CacheKey(HexFormat.of().formatHex(md.digest()));
    }

    /** Sorted keys, no whitespace: equal settings give equal bytes whatever the field order in source code. */
    public static String canonicalJson(Object settings) {
        try {
            // Through a tree so that records, maps and nested objects all come out with sorted keys.
            return CANONICAL.writeValueAsString(CANONICAL.valueToTree(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("settings cannot be serialised: " + e.getMessage(), e);
        }
    }

    private static void part(MessageDigest md, String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(b);
    }

    /** Two-character fan-out folder, so no folder holds more than a few hundred entries. */
    String shard() {
        return hex.substring(0, 2);
    }

    @Override
    public String toString() {
        return hex;
    }
}
