package org.talkfx.batch;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.Hashing;
import org.talkfx.cache.RenderCache;
import org.talkfx.cli.TalkFxVersion;
import org.talkfx.cli.render.RenderHooks;
import org.talkfx.cli.render.RenderJob;
import org.talkfx.inference.pipeline.GenerationListener;

import java.io.IOException;
import java.nio.file.Files;
import org.talkfx.common.BadInputException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Renders one prepared shot through the ordinary {@link RenderJob} path, with the render cache as its window store
 * (so an interrupted shot resumes at its first uncached window), then completes the render report into the
 * provenance sidecar: which frames were generated, from which inputs, by which model and settings.
 */
public final class ShotRender {
    private ShotRender() {
    }

    /** The finished sidecar and the output's SHA-256. */
    public record Result(ObjectNode sidecar, String outputSha256) {
    }

    /**
     * @param cache    where windows are kept (null = no resuming)
     * @param observer progress and cancellation from the batch (may be null)
     * @param device   GPU to use (null = the engine's default)
     */
    public static Result run(PreparedShot shot, RenderCache cache, PrintStream console, AtomicBoolean cancelled,
                             GenerationListener observer, Device device) {
        Consumer warn = new Consumer(console, shot.id());
        RenderHooks hooks = new RenderHooks(
                cache == null ? null : modelId -> new CacheWindowStore(cache, modelId, shot, warn::accept),
                observer, device);
        try {
            Files.createDirectories(shot.output().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new BadInputException(shot.output().getParent(), "cannot create the output folder: " + e.getMessage(),
                    e);
        }
        ObjectNode report = new RenderJob(shot.options(), console, cancelled, hooks).run();
        String hash = OutputHash.of(shot.output());
        ObjectNode p = report.putObject("provenance");
        p.put("tool", new TalkFxVersion().getVersion()[0]);
        p.put("created", Instant.now().toString());
        p.put("host", host());
        p.put("shot", shot.job().shot());
        if (shot.job().lang() != null) {
            p.put("lang", shot.job().lang());
        }
        p.put("job_file", shot.jobFile().toAbsolutePath().normalize().toString());
        p.put("job_sha256", sha256(shot));
        p.putPOJO("inputs", shot.inputHashes());
        p.put("output_sha256", hash);
        ObjectNode frames = report.path("frames").deepCopy();
        ObjectNode gen = p.putObject("generated");
        int n = frames.path("generated_25fps").asInt();
        gen.put("frames_25fps", n).put("first", 0).put("last", n - 1);
        gen.put("pixels", shot.options().headOnly() ? "inside the feathered mask (mask_clip); the rest is the source, "
                + "bit-identical" : "whole frame (every pixel of every frame is generated)");
        gen.put("windows", frames.path("windows").asInt());
        gen.put("windows_from_cache", frames.path("windows_from_cache").asInt());
        gen.put("output_frames", frames.path("output").asLong()).put("output_fps", frames.path("output_fps").asDouble());
        ObjectNode model = p.putObject("model");
        model.put("identity", report.path("model").asText()).put("folder", report.path("model_dir").asText());
        p.putPOJO("cache_key_settings", shot.keySettings());
        JobJson.write(shot.sidecar(), report);
        return new Result(report, hash);
    }

    private static String sha256(PreparedShot shot) {
        try {
            return Hashing.sha256(shot.jobFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Cache warnings go to the shot's console. */
    private record Consumer(PrintStream console, String shot) {
        void accept(String message) {
            console.println("\nnote: " + message);
        }
    }
}
