package org.talkfx.effect;

import org.talkfx.cache.RenderCache;
import org.talkfx.service.ServiceFiles;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the effect finds the render service and the cache, and how it starts the service and the panel. The
 * defaults follow the service's ({@code $TALKFX_STATE_DIR}, {@code $TALKFX_CACHE_DIR}); a service started on demand
 * also gets the folders of {@code $TALKFX_MEDIA_ROOTS} (':'-separated) as media roots and {@code $TALKFX_GPU_LOCK}
 * as its GPU lock file.
 */
public record EffectEnvironment(Path stateDir, Path cacheRoot, List<String> serveCommand, List<String> panelCommand) {
    public static final long CACHE_MAX_BYTES = 50L << 30;

    public static EffectEnvironment defaults() {
        Path state = ServiceFiles.defaultDir();
        Path cache = RenderCache.defaultRoot();
        return new EffectEnvironment(state, cache, defaultServeCommand(state, cache), defaultPanelCommand());
    }

    /** {@code java -cp <the jars this class came from> org.talkfx.cli.TalkFx serve ...}: works inside a host. */
    public static List<String> defaultServeCommand(Path state, Path cache) {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of("serve", "--state-dir", state.toString(), "--cache-dir", cache.toString()));
        String roots = System.getenv("TALKFX_MEDIA_ROOTS");
        if (roots != null) {
            for (String r : roots.split(File.pathSeparator)) {
                if (!r.isBlank()) {
                    cmd.addAll(List.of("--media-root", r));
                }
            }
        }
        String lock = System.getenv("TALKFX_GPU_LOCK");
        if (lock != null && !lock.isBlank()) {
            cmd.addAll(List.of("--gpu-lock", lock));
        }
        return cmd;
    }

    /** The panel: {@code talkfx panel} through the launcher next to the jars or on the PATH. */
    static List<String> defaultPanelCommand() {
        String home = System.getenv("TALKFX_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "talkfx"))) {
            return List.of(Path.of(home, "talkfx").toString(), "panel");
        }
        return List.of("talkfx", "panel");
    }

    private static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Djava.awt.headless=true", "-cp", classPath(), "org.talkfx.cli.TalkFx");
    }

    /** The jars next to this class's jar (the bundle's Resources), else this JVM's class path. */
    private static String classPath() {
        try {
            Path self = Path.of(EffectEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                try (Stream<Path> s = Files.list(self.getParent())) {
                    List<String> jars = s.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList();
                    return String.join(File.pathSeparator, jars);
                }
            }
        } catch (URISyntaxException | java.io.IOException | SecurityException ignored) {
            // fall back to the class path the JVM was started with
        }
        return System.getProperty("java.class.path");
    }
}
