package org.talkfx.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small, deterministic file-tree operations the installer needs. */
final class FileTrees {
    /** A fixed modification time so that assembled bundles are byte- and metadata-identical run to run. */
    static final FileTime FIXED_TIME = FileTime.fromMillis(315532800000L); // 1980-01-01, the zip epoch

    private FileTrees() {
    }

    /** Regular files under {@code root}, relative, '/'-separated, sorted. */
    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** Copies a tree in sorted order, keeping the executable bit, with fixed timestamps. */
    static void copy(Path from, Path to) throws IOException {
        for (String rel : files(from)) {
            Path src = from.resolve(rel);
            Path dst = to.resolve(rel);
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            dst.toFile().setExecutable(Files.isExecutable(src), false);
            Files.setLastModifiedTime(dst, FIXED_TIME);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    /** Removes empty directories below and including {@code dir}, deepest first; stops at non-empty ones. */
    static void pruneEmptyDirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                try (Stream<Path> children = Files.list(p)) {
                    if (children.findAny().isEmpty()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
