package org.talkfx.batch;

import org.talkfx.cache.ContentHashes;
import org.talkfx.cache.RenderCache;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code talkfx render --job SHOT.json}: one shot job, as a farm task runs it. */
public final class ShotJobCommand {
    /** Default render cache bound for job renders (as {@code talkfx serve}'s default). */
    static final long CACHE_BYTES = 50L << 30;

    private ShotJobCommand() {
    }

    public static void render(Path jobFile, Map<String, Path> roots, Path models, Path cacheDir, PrintStream console,
                              AtomicBoolean cancelled) {
        ShotJob job = JobJson.read(jobFile, ShotJob.class, "shot job");
        PreparedShot shot = PreparedShot.prepare(job, jobFile, roots, models, new ContentHashes());
        ShotRender.Result r = ShotRender.run(shot, openCache(cacheDir), console, cancelled, null, null);
        console.println("provenance: " + shot.sidecar() + " (output SHA-256 " + r.outputSha256() + ")");
    }

    static RenderCache openCache(Path dir) {
        Path root = dir != null ? dir : RenderCache.defaultRoot();
        try {
            return new RenderCache(root, CACHE_BYTES);
        } catch (IOException e) {
            throw new BadInputException(root, "cannot open the render cache: " + e.getMessage(), e);
        }
    }
}
