package org.talkfx.batch;

import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The declared roots of a batch or shot job: named folders (e.g. {@code media}, {@code out}) under which every
 * path of the job lies. Paths are written {@code name:relative/path}, so a job written on one machine runs on a farm
 * node that mounts the same roots elsewhere ({@code --root media=/mnt/film}). Nothing may leave its root: no
 * absolute relative parts, no {@code ..}, no symbolic link pointing outside.
 */
public final class Roots {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    private final Map<String, Path> roots;

    public Roots(Map<String, Path> roots) {
        Map<String, Path> m = new LinkedHashMap<>();
        roots.forEach((k, v) -> {
            if (!NAME.matcher(k).matches()) {
                throw new BadInputException("root name '" + k + "': use letters, digits, _ and - (starting with a "
                        + "letter, at most 32)");
            }
            m.put(k, v.toAbsolutePath().normalize());
        });
        this.roots = Map.copyOf(m);
    }

    /** Roots as written in a job ({@code name -> folder}), relative folders taken against {@code base}. */
    public static Roots declared(Map<String, String> written, Path base) {
        Map<String, Path> m = new LinkedHashMap<>();
        written.forEach((k, v) -> {
            try {
                m.put(k, base.resolve(v));
            } catch (InvalidPathException e) {
                throw new BadInputException("root '" + k + "': not a usable folder: " + e.getMessage());
            }
        });
        return new Roots(m);
    }

    /** These roots with some replaced or added ({@code --root name=dir} on a farm node). */
    public Roots with(Map<String, Path> overrides) {
        Map<String, Path> m = new LinkedHashMap<>(roots);
        m.putAll(overrides);
        return new Roots(m);
    }

    public Map<String, Path> asMap() {
        return roots;
    }

    /** {@code name:relative} -> an absolute path inside that root; {@code origin} names the job in errors. */
    public Path resolve(String ref, Path origin) {
        int colon = ref == null ? -1 : ref.indexOf(':');
        if (colon <= 0) {
            throw new BadInputException(origin, "path '" + ref + "' names no root: write it as <root>:<path> with a "
                    + "root from " + roots.keySet());
        }
        String name = ref.substring(0, colon);
        Path root = roots.get(name);
        if (root == null) {
            throw new BadInputException(origin, "path '" + ref + "': root '" + name + "' is not declared (declared: "
                    + roots.keySet() + ")");
        }
        String rel = ref.substring(colon + 1);
        Path relPath;
        try {
            relPath = Path.of(rel);
        } catch (InvalidPathException e) {
            throw new BadInputException(origin, "path '" + ref + "' is not a usable path: " + e.getReason());
        }
        if (rel.isEmpty() || relPath.isAbsolute()) {
            throw new BadInputException(origin, "path '" + ref + "' is outside the declared roots (the part after the "
                    + "root must be a relative path)");
        }
        for (Path part : relPath) {
            if (part.toString().equals("..")) {
                throw new BadInputException(origin, "path '" + ref + "' is outside the declared roots (no '..' allowed)");
            }
        }
        Path p = root.resolve(relPath).normalize();
        requireInsideReally(p, root, ref, origin);
        return p;
    }

    /** An absolute (or working-folder relative) path written as {@code name:relative} against the first root holding it. */
    public String refer(Path file, Path origin) {
        Path abs = file.toAbsolutePath().normalize();
        for (Map.Entry<String, Path> e : roots.entrySet()) {
            if (abs.startsWith(e.getValue()) && !abs.equals(e.getValue())) {
                String rel = e.getValue().relativize(abs).toString().replace('\\', '/');
                requireInsideReally(abs, e.getValue(), e.getKey() + ":" + rel, origin);
                return e.getKey() + ":" + rel;
            }
        }
        throw new BadInputException(origin, "path '" + file + "' is outside the declared roots " + roots);
    }

    /** Symbolic links (in the file or any folder above it) must not lead out of the root. */
    private static void requireInsideReally(Path p, Path root, String ref, Path origin) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.exists(root)) {
            return;
        }
        try {
            if (!existing.toRealPath().startsWith(root.toRealPath())) {
                throw new BadInputException(origin, "path '" + ref + "' is outside the declared roots (a symbolic link "
                        + "leads to " + existing.toRealPath() + ")");
            }
        } catch (IOException e) {
            throw new BadInputException(origin, "path '" + ref + "': " + e.getMessage(), e);
        }
    }
}
