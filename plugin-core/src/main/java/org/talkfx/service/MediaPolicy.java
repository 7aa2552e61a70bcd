package org.talkfx.service;

import org.talkfx.common.BadInputException;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.Speaker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files a job may make the service read: only files under the configured media roots. A path is refused
 * when it contains a ".." element, when it is absolute (or relative to a base folder) outside every root, or when
 * its real path (symbolic links followed) leaves the roots. Model directories may also lie under the service's
 * own model root.
 */
public final class MediaPolicy {
    private final List<Path> roots;
    private final Path defaultModelDirectory;

    public MediaPolicy(List<Path> roots, Path defaultModelDirectory) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path r : roots) {
            real.add(r.toRealPath());
        }
        this.roots = List.copyOf(real);
        this.defaultModelDirectory = defaultModelDirectory == null ? null : defaultModelDirectory.toAbsolutePath().normalize();
    }

    /** Resolves and checks every file the setup names; {@code baseDir} (may be null) anchors relative paths. */
    public ShotInputs resolve(ShotSetup setup, Path baseDir) {
        Path base = null;
        if (baseDir != null) {
            if (!baseDir.isAbsolute()) {
                throw new PathRefusedException("base_dir must be an absolute path, got " + baseDir);
            }
            base = check(null, baseDir.toString(), "base_dir", roots);
        }
        Path source = check(base, setup.source().media(), "source.media", roots);
        List<Path> audio = new ArrayList<>();
        for (int i = 0; i < setup.speakers().size(); i++) {
            Speaker s = setup.speakers().get(i);
            if (s.enabled()) {
                audio.add(check(base, s.audio(), "speakers[" + i + "].audio", roots));
            }
        }
        Path mask = setup.region().maskMedia() == null ? null
                : check(base, setup.region().maskMedia(), "region.mask_media", roots);
        Path models = defaultModelDirectory;
        if (setup.modelDirectory() != null) {
            List<Path> modelRoots = new ArrayList<>(roots);
            if (defaultModelDirectory != null) {
                try {
                    modelRoots.add(defaultModelDirectory.toRealPath());
                } catch (IOException ignored) {
                    // The configured model folder does not exist; only the media roots remain.
                }
            }
            models = check(base, setup.modelDirectory(), "model_directory", modelRoots);
        }
        return new ShotInputs(setup, source, audio, mask, models);
    }

    private static Path check(Path base, String value, String field, List<Path> allowed) {
        Path p;
        try {
            p = Path.of(value);
        } catch (InvalidPathException e) {
            throw new PathRefusedException(field + ": not a usable path: " + value);
        }
        for (Path element : p) {
            if (element.toString().equals("..")) {
                throw new PathRefusedException(field + ": \"..\" is not allowed in paths: " + value);
            }
        }
        if (!p.isAbsolute()) {
            if (base == null) {
                throw new PathRefusedException(field + ": relative path without base_dir: " + value);
            }
            p = base.resolve(p);
        }
        p = p.normalize();
        if (!under(p, allowed)) {
            throw new PathRefusedException(field + ": " + p + " is outside the media roots " + allowed);
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw new BadInputException(p, field + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!under(real, allowed)) {
            throw new PathRefusedException(field + ": " + p + " leads (through a symbolic link) to " + real
                    + ", outside the media roots");
        }
        return real;
    }

    private static boolean under(Path p, List<Path> allowed) {
        return allowed.stream().anyMatch(p::startsWith);
    }
}
