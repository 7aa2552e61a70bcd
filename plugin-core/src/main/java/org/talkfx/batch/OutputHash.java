package org.talkfx.batch;

import org.talkfx.cache.Hashing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of an output: of the file, or for a PNG sequence folder of its sorted "name sha256" lines. */
final class OutputHash {
    private OutputHash() {
    }

    /** The hash, or null when the output does not exist (or cannot be read). */
    static String of(Path output) {
        try {
            if (Files.isRegularFile(output)) {
                return Hashing.sha256(output);
            }
            if (!Files.isDirectory(output)) {
                return null;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(output)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            if (files.isEmpty()) {
                return null;
            }
            MessageDigest md = Hashing.sha256();
            for (Path f : files) {
                md.update((f.getFileName() + " " + Hashing.sha256(f) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return null;
        }
    }
}
