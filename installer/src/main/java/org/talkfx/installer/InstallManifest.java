package org.talkfx.installer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The list of files an install wrote (relative path -> sha256), kept inside the bundle so that uninstall removes
 * exactly those and an install never clobbers a bundle TalkFX did not put there. No timestamps, so two installs of
 * the same bundle produce the same bytes.
 */
public record InstallManifest(String product, String version, SortedMap<String, String> files) {
    public static final String FILE_NAME = "talkfx-install.json";
    public static final String PRODUCT = "TalkFX";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public InstallManifest {
        files = new TreeMap<>(files);
    }

    /** Where the manifest lives inside a bundle. */
    public static Path location(Path bundle) {
        return bundle.resolve("Contents").resolve("Resources").resolve(FILE_NAME);
    }

    public static InstallManifest read(Path bundle) {
        Path file = location(bundle);
        try {
            InstallManifest m = JSON.readValue(file.toFile(), InstallManifest.class);
            if (!PRODUCT.equals(m.product()) || m.files() == null) {
                throw new BadInputException(file, "is not a TalkFX install manifest");
            }
            return m;
        } catch (IOException e) {
            throw new BadInputException(file, "unreadable install manifest: " + e.getMessage(), e);
        }
    }

    public static boolean exists(Path bundle) {
        return Files.isRegularFile(location(bundle));
    }

    /** Installed files that are missing or no longer have their recorded SHA-256, sorted. */
    public List<String> changedFiles(Path bundle) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = bundle.resolve(e.getKey());
            try {
                if (!Files.isRegularFile(f) || !e.getValue().equals(FileTrees.sha256(f))) {
                    changed.add(e.getKey());
                }
            } catch (IOException unreadable) {
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    public void write(Path bundle) throws IOException {
        Path file = location(bundle);
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writeValueAsBytes(this));
    }
}
