package org.talkfx.timeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenTimelineIO JSON ({@code .otio}) without the native OTIO library. Objects are dispatched on the name
 * part of {@code OTIO_SCHEMA} ("Clip" of "Clip.2"); objects of schemas we do not know are reported in
 * {@link Timeline#issues()} and skipped (they take no time), never fatal. A file that is not JSON or whose top
 * level is not a timeline is a {@link BadInputException} naming the file and the JSON path.
 */
public final class OtioReader {
    /** The OTIO spec allows NaN and Infinity in doubles. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Map<String, Integer> KNOWN_VERSIONS = Map.ofEntries(
            Map.entry("Timeline", 1), Map.entry("Stack", 1), Map.entry("Track", 1), Map.entry("Clip", 2),
            Map.entry("Gap", 1), Map.entry("Transition", 1), Map.entry("ExternalReference", 1),
            Map.entry("MissingReference", 1), Map.entry("Marker", 3), Map.entry("TimeRange", 1),
            Map.entry("RationalTime", 1), Map.entry("SerializableCollection", 1));

    private final Path file;
    private final Path baseDir;
    private final List<ImportIssue> issues = new ArrayList<>();

    private OtioReader(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.baseDir = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    public static Timeline read(Path file) {
        JsonNode root;
        try (var in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            // some refusals (e.g. nesting deeper than Jackson's limit) come without a location
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new BadInputException(file, "not valid OTIO JSON: " + e.getOriginalMessage() + where, e);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(file, "empty file, expected an OTIO timeline");
        }
        return new OtioReader(file).timeline(root, "$");
    }

    private Timeline timeline(JsonNode node, String path) {
        String schema = schemaName(node, path);
        if ("SerializableCollection".equals(schema)) {
            JsonNode children = node.path("children");
            for (int i = 0; i < children.size(); i++) {
                if ("Timeline".equals(schemaName(children.get(i), path + ".children[" + i + "]"))) {
                    if (children.size() > 1) {
                        issue(path, "collection of " + children.size() + " objects: using the timeline at children[" + i + "]");
                    }
                    return timeline(children.get(i), path + ".children[" + i + "]");
                }
            }
            throw new BadInputException(file, "the collection at " + path + " holds no Timeline");
        }
        if (!"Timeline".equals(schema)) {
            throw new BadInputException(file, path + " is a " + node.path("OTIO_SCHEMA").asText("(no OTIO_SCHEMA)")
                    + ", expected a Timeline");
        }
        checkVersion(node, path);
        RationalTime globalStart = optionalTime(node.get("global_start_time"), path + ".global_start_time");
        JsonNode tracksNode = node.get("tracks");
        Composable.Stack tracks;
        if (tracksNode == null || tracksNode.isNull()) {
            issue(path, "timeline has no tracks");
            tracks = new Composable.Stack("tracks", path + ".tracks", true, null, List.of(), List.of(), List.of());
        } else if (composable(tracksNode, path + ".tracks") instanceof Composable.Stack s) {
            tracks = s;
        } else {
            throw new BadInputException(file, path + ".tracks must be a Stack");
        }
        return Timeline.of(file, text(node, "name"), globalStart, tracks, issues);
    }

    /** One track or stack child; null (with an issue) for an unknown schema. */
    private Composable composable(JsonNode node, String path) {
        String schema = schemaName(node, path);
        switch (schema) {
            case "Clip":
                return clip(node, path);
            case "Gap":
                checkVersion(node, path);
                return new Composable.Gap(text(node, "name"), path, gapRange(node, path), markers(node, path));
            case "Transition":
                checkVersion(node, path);
                return new Composable.Transition(text(node, "name"), path, text(node, "transition_type"),
                        time(node.get("in_offset"), path + ".in_offset"), time(node.get("out_offset"), path + ".out_offset"));
            case "Stack":
                checkVersion(node, path);
                return new Composable.Stack(text(node, "name"), path, enabled(node),
                        optionalRange(node.get("source_range"), path + ".source_range"),
                        children(node, path), markers(node, path), effects(node, path));
            case "Track":
                checkVersion(node, path);
                return new Composable.Track(text(node, "name"), path, TrackKind.parse(text(node, "kind")), enabled(node),
                        optionalRange(node.get("source_range"), path + ".source_range"),
                        children(node, path), markers(node, path), effects(node, path));
            default:
                issue(path, "unknown schema " + node.path("OTIO_SCHEMA").asText() + " skipped");
                return null;
        }
    }

    private List<Composable> children(JsonNode node, String path) {
        List<Composable> out = new ArrayList<>();
        JsonNode children = node.get("children");
        if (children == null || children.isNull()) {
            return out;
        }
        if (!children.isArray()) {
            throw new BadInputException(file, path + ".children must be a list");
        }
        for (int i = 0; i < children.size(); i++) {
            Composable c = composable(children.get(i), path + ".children[" + i + "]");
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private Composable.Clip clip(JsonNode node, String path) {
        checkVersion(node, path);
        MediaReference media;
        JsonNode refs = node.get("media_references");
        if (refs != null && refs.isObject()) {
            // Clip.2: several references, one active.
            String key = node.path("active_media_reference_key").asText("DEFAULT_MEDIA");
            JsonNode active = refs.get(key);
            if (active == null) {
                issue(path, "active_media_reference_key \"" + key + "\" is not among media_references " + fieldNames(refs));
                media = null;
            } else {
                media = mediaReference(active, path + ".media_references." + key);
            }
        } else {
            JsonNode ref = node.get("media_reference");
            media = ref == null || ref.isNull() ? null : mediaReference(ref, path + ".media_reference");
        }
        TimeRange source = optionalRange(node.get("source_range"), path + ".source_range");
        Composable.Clip clip = new Composable.Clip(text(node, "name"), path, enabled(node), source, media,
                markers(node, path), effects(node, path));
        if (clip.trimmedRange() == null) {
            issue(path, "clip \"" + clip.name() + "\" has neither a source_range nor a media available_range: it takes no time");
        }
        return clip;
    }

    private MediaReference mediaReference(JsonNode node, String path) {
        String schema = schemaName(node, path);
        String name = text(node, "name");
        TimeRange available = optionalRange(node.get("available_range"), path + ".available_range");
        switch (schema) {
            case "ExternalReference": {
                checkVersion(node, path);
                String url = text(node, "target_url");
                Path local = url == null ? null : localPath(url, path);
                boolean exists = local != null && Files.exists(local);
                if (local != null && !exists) {
                    issue(path, "media missing: " + local);
                }
                return new MediaReference.External(name, url, local, exists, available);
            }
            case "MissingReference":
                return new MediaReference.Missing(name, available);
            default:
                return new MediaReference.Other(node.path("OTIO_SCHEMA").asText(), name, available);
        }
    }

    /** file:// URLs and plain paths become local paths (relative ones against the .otio's folder); others null. */
    private Path localPath(String url, String path) {
        try {
            if (url.regionMatches(true, 0, "file:", 0, 5)) {
                URI uri = new URI(url.replace(" ", "%20"));
                String p = uri.getPath();
                if (p == null) {
                    // "file:relative/name.wav" is opaque; its scheme-specific part is the path.
                    p = uri.getSchemeSpecificPart();
                }
                String host = uri.getHost();
                if (host != null && !host.isEmpty() && !"localhost".equalsIgnoreCase(host)) {
                    issue(path, "media on another host, not resolved: " + url);
                    return null;
                }
                return baseDir.resolve(Path.of(p)).normalize();
            }
            if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
                issue(path, "media is not a local file, not resolved: " + url);
                return null;
            }
            return baseDir.resolve(Path.of(url)).normalize();
        } catch (URISyntaxException | InvalidPathException e) {
            issue(path, "target_url is not a usable path: " + url + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private TimeRange gapRange(JsonNode node, String path) {
        TimeRange r = optionalRange(node.get("source_range"), path + ".source_range");
        if (r == null && node.has("duration")) {
            // Older files wrote a Gap's length as "duration".
            RationalTime d = time(node.get("duration"), path + ".duration");
            r = new TimeRange(RationalTime.zero(d.rate()), d);
        }
        return r;
    }

    private List<Marker> markers(JsonNode node, String path) {
        List<Marker> out = new ArrayList<>();
        JsonNode markers = node.get("markers");
        if (markers == null || !markers.isArray()) {
            return out;
        }
        for (int i = 0; i < markers.size(); i++) {
            JsonNode m = markers.get(i);
            String p = path + ".markers[" + i + "]";
            if (!"Marker".equals(schemaName(m, p))) {
                issue(p, "unknown schema " + m.path("OTIO_SCHEMA").asText() + " among markers skipped");
                continue;
            }
            out.add(new Marker(text(m, "name"), optionalRange(m.get("marked_range"), p + ".marked_range"),
                    text(m, "color"), text(m, "comment")));
        }
        return out;
    }

    private List<String> effects(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        JsonNode effects = node.get("effects");
        if (effects != null && effects.isArray()) {
            for (JsonNode e : effects) {
                out.add(e.path("OTIO_SCHEMA").asText("?"));
            }
        }
        return out;
    }

    private TimeRange optionalRange(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!"TimeRange".equals(schemaName(node, path))) {
            throw new BadInputException(file, path + " must be a TimeRange, found " + node.path("OTIO_SCHEMA").asText());
        }
        return new TimeRange(time(node.get("start_time"), path + ".start_time"), time(node.get("duration"), path + ".duration"));
    }

    private RationalTime optionalTime(JsonNode node, String path) {
        return node == null || node.isNull() ? null : time(node, path);
    }

    private RationalTime time(JsonNode node, String path) {
        if (node == null || node.isNull() || !node.isObject()) {
            throw new BadInputException(file, path + " must be a RationalTime {rate, value}");
        }
        JsonNode rate = node.get("rate");
        JsonNode value = node.get("value");
        if (rate == null || !rate.isNumber() || value == null || !value.isNumber()) {
            throw new BadInputException(file, path + " must have numeric \"rate\" and \"value\"");
        }
        RationalTime t = new RationalTime(value.doubleValue(), rate.doubleValue());
        if (!t.isFinite()) {
            issue(path, "non-finite or non-positive time " + value.asText() + "@" + rate.asText());
        }
        return t;
    }

    /** "Clip" from {"OTIO_SCHEMA": "Clip.2"}. */
    private String schemaName(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new BadInputException(file, path + " must be an OTIO object");
        }
        String schema = node.path("OTIO_SCHEMA").asText("");
        if (schema.isEmpty()) {
            throw new BadInputException(file, path + " has no OTIO_SCHEMA");
        }
        int dot = schema.lastIndexOf('.');
        return dot < 0 ? schema : schema.substring(0, dot);
    }

    private void checkVersion(JsonNode node, String path) {
        String schema = node.path("OTIO_SCHEMA").asText();
        int dot = schema.lastIndexOf('.');
        Integer known = KNOWN_VERSIONS.get(schema.substring(0, Math.max(dot, 0)));
        if (known != null && dot > 0) {
            try {
                if (Integer.parseInt(schema.substring(dot + 1)) > known) {
                    issue(path, schema + " is newer than this importer knows (" + schema.substring(0, dot) + "."
                            + known + "); read as that");
                }
            } catch (NumberFormatException e) {
                issue(path, "schema version of " + schema + " is not a number");
            }
        }
    }

    private static boolean enabled(JsonNode node) {
        return node.path("enabled").asBoolean(true);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private void issue(String path, String message) {
        issues.add(new ImportIssue(path, message));
    }
}
