package org.talkfx.panel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.talkfx.cache.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shot setups opened or saved lately, newest first, in {@code recent-setups.json} of the panel's config folder
 * ({@code -Dtalkfx.configDir}, else {@code $XDG_CONFIG_HOME/talkfx}, else {@code ~/.config/talkfx}). A damaged
 * file counts as empty; files that no longer exist are still listed (a disk may be unmounted) until pushed out.
 */
public final class RecentFiles {
    public static final int MAX = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public RecentFiles(Path configDir) {
        this.file = configDir.resolve("recent-setups.json");
    }

    public static Path defaultConfigDir() {
        String prop = System.getProperty("talkfx.configDir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "talkfx");
        }
        return Path.of(System.getProperty("user.home"), ".config", "talkfx");
    }

    public Path file() {
        return file;
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        try {
            JsonNode files = JSON.readTree(file.toFile()).path("files");
            for (JsonNode f : files) {
                if (f.isTextual() && out.size() < MAX) {
                    out.add(Path.of(f.asText()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** Moves {@code setup} to the top of the list. */
    public void add(Path setup) throws IOException {
        Path abs = setup.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(list());
        files.remove(abs);
        files.add(0, abs);
        ArrayNode arr = JSON.createArrayNode();
        files.stream().limit(MAX).forEach(p -> arr.add(p.toString()));
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.createObjectNode().set("files", arr)), false);
    }
}
