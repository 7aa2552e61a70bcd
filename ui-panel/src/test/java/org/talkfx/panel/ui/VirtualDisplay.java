package org.talkfx.panel.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An X display for the window test: the one in $DISPLAY, else an Xvfb started on the first free display number
 * (no lock file, no socket). Without either the test fails and says how to get Xvfb.
 */
final class VirtualDisplay implements AutoCloseable {
    private final String display;
    private final Process xvfb;

    private VirtualDisplay(String display, Process xvfb) {
        this.display = display;
        this.xvfb = xvfb;
    }

    static VirtualDisplay open(Path log) throws Exception {
        String existing = System.getenv("DISPLAY");
        if (existing != null && !existing.isBlank() && !Boolean.getBoolean("talkfx.test.forceXvfb")) {
            return new VirtualDisplay(existing, null);
        }
        Path bin = findXvfb();
        if (bin == null) {
            throw new AssertionError("the panel's window test needs an X display: no $DISPLAY and no Xvfb on the PATH. "
                    + "Install it with scripts/install-test-deps (Debian package xvfb) or run the tests inside a desktop session.");
        }
        for (int n = 91; n < 200; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            Process p = new ProcessBuilder(bin.toString(), ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-ac")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (p.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (p.isAlive() && Files.exists(socket)) {
                return new VirtualDisplay(":" + n, p);
            }
            p.destroy();    // lost a race for this number, or it failed: try the next one
        }
        throw new AssertionError("could not start Xvfb on any display from :91 to :199; see " + log);
    }

    private static Path findXvfb() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "Xvfb");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    String display() {
        return display;
    }

    /** Runs {@code mainClass} in a fresh JVM on this display with the test's class path and settings. */
    Process launch(Class<?> mainClass, List<String> args, Path log) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=false", "-Xmx2g"));
        for (String k : List.of("talkfx.shared", "talkfx.root", "ai.djl.offline", "offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
                "org.bytedeco.javacpp.cachedir", "org.slf4j.simpleLogger.defaultLogLevel")) {
            String v = System.getProperty(k);
            if (v != null) {
                cmd.add("-D" + k + "=" + v);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("DISPLAY", display);
        return pb.start();
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }
}
