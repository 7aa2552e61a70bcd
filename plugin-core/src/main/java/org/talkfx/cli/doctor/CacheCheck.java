package org.talkfx.cli.doctor;

import org.talkfx.cache.RenderCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Where generated frames are cached, how much they take and how much room is left. */
public final class CacheCheck implements DoctorCheck {
    @Override
    public int order() {
        return 40;
    }

    @Override
    public String title() {
        return "Render cache";
    }

    @Override
    public List<Finding> run() {
        Path root = RenderCache.defaultRoot();
        List<Finding> out = new ArrayList<>();
        out.add(Finding.ok("location", root + " (TALKFX_CACHE_DIR moves it)"));
        if (!Files.isDirectory(root)) {
            out.add(Finding.ok("size", "empty (not created yet)"));
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            long bytes = s.filter(Files::isRegularFile).mapToLong(CacheCheck::size).sum();
            out.add(Finding.ok("size", gib(bytes)));
            long free = Files.getFileStore(root).getUsableSpace();
            out.add(free > 20L << 30 ? Finding.ok("free space", gib(free))
                    : Finding.warn("free space", gib(free) + " (under 20 GiB)",
                    "free disk space, lower talkfx serve --cache-max-gb, or set TALKFX_CACHE_DIR to a larger disk"));
        } catch (IOException | UncheckedIOException e) {
            out.add(Finding.fail("size", "cannot read: " + e.getMessage(), "check the permissions of " + root));
        }
        return out;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // removed while walking (eviction)
        }
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }
}
