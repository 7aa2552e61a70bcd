package org.talkfx.shot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.AtomicFiles;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and writes shot setup documents. Reading: parse, check {@code schema_version}, run migrations up to
 * the current version, bind to the records, validate; every failure is an {@link InvalidShotSetupException}
 * naming the file and the JSON path. Writing: validate, then replace the file atomically, keeping the previous
 * version as {@code <name>.bak}.
 */
public final class ShotSetupFile {
    /** The JSON form of setups everywhere (files, job bodies): snake_case, nulls left out. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** Migrations shipped with this version; empty while the schema is at its first version. */
    public static final List<ShotSetupMigration> BUILT_IN_MIGRATIONS = List.of();

    private final Map<Integer, ShotSetupMigration> migrations;

    public ShotSetupFile() {
        this(BUILT_IN_MIGRATIONS);
    }

    public ShotSetupFile(Collection<ShotSetupMigration> migrations) {
        this.migrations = migrations.stream().collect(Collectors.toMap(ShotSetupMigration::fromVersion, Function.identity()));
    }

    public ShotSetup load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "shot setup not found", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the shot setup: " + e.getMessage(), e);
        }
        return parse(file, bytes);
    }

    /** Parses a setup from bytes; {@code origin} names it in messages (a file, or e.g. "job 12"). */
    public ShotSetup parse(Path origin, byte[] json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // some refusals (e.g. nesting deeper than Jackson's limit) come without a location
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw invalid(origin, "$: not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            // bytes only, so no I/O failed: the text itself is undecodable (e.g. looks like UTF-32 but is not)
            throw invalid(origin, "$: not valid JSON text: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw invalid(origin, "$: a shot setup must be a JSON object", null);
        }
        ObjectNode doc = migrate(origin, (ObjectNode) tree);
        ShotSetup setup;
        try {
            setup = JSON.treeToValue(doc, ShotSetup.class);
        } catch (JsonMappingException e) {
            throw invalid(origin, describe(e), e);
        } catch (JsonProcessingException e) {
            throw invalid(origin, "$: " + e.getOriginalMessage(), e);
        }
        return ShotSetupValidator.requireValid(origin, setup);
    }

    public byte[] toJson(ShotSetup setup) {
        try {
            return JSON.writeValueAsBytes(setup);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a shot setup", e);
        }
    }

    /** Validates, then replaces {@code file} atomically; the previous version is kept as {@code <file>.bak}. */
    public void save(Path file, ShotSetup setup) throws IOException {
        ShotSetupValidator.requireValid(file, setup);
        AtomicFiles.write(file, toJson(setup), true);
    }

    private ObjectNode migrate(Path origin, ObjectNode doc) {
        JsonNode v = doc.get("schema_version");
        if (v == null || v.isNull()) {
            throw invalid(origin, "$.schema_version: is missing (this TalkFX writes version " + ShotSetup.CURRENT_VERSION + ")", null);
        }
        if (!v.canConvertToExactIntegral() || !v.isNumber()) {
            throw invalid(origin, "$.schema_version: must be a whole number, got " + v, null);
        }
        int version = v.intValue();
        if (version > ShotSetup.CURRENT_VERSION) {
            throw invalid(origin, "$.schema_version: " + version + " was written by a newer TalkFX; this one reads up to "
                    + ShotSetup.CURRENT_VERSION, null);
        }
        while (version < ShotSetup.CURRENT_VERSION) {
            ShotSetupMigration m = migrations.get(version);
            if (m == null) {
                throw invalid(origin, "$.schema_version: " + version + " is too old; no migration from it", null);
            }
            doc = m.migrate(doc);
            version++;
            doc.put("schema_version", version);
        }
        return doc;
    }

    private static InvalidShotSetupException invalid(Path origin, String problem, Throwable cause) {
        return new InvalidShotSetupException(origin, List.of(problem), cause);
    }

    /** Jackson's binding error as "$.speakers[1].gain_db: expected a number". */
    static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            known.sort(null);
            return path + ": unknown field; known fields here: " + String.join(", ", known);
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : f.getTargetType().getEnumConstants()) {
                names.add(JSON.convertValue(c, String.class));
            }
            return path + ": " + JSON.valueToTree(f.getValue()) + " is not one of " + String.join(", ", names);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return path + ": expected " + describeType(m.getTargetType());
        }
        return path + ": " + e.getOriginalMessage();
    }

    private static String describeType(Class<?> t) {
        if (t == Double.class || t == double.class) {
            return "a number";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a whole number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (t.isEnum()) {
            return "one of the names of " + t.getSimpleName();
        }
        return "an object (" + t.getSimpleName() + ")";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
