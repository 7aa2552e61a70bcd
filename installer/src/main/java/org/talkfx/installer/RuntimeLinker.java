package org.talkfx.installer;

import org.talkfx.common.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * Builds the Java runtime that ships inside the bundle with jlink, so an editor needs no JDK. Only the modules the
 * plugin side uses: no compiler, no Swing for the host process (the panel runs as its own process).
 */
public final class RuntimeLinker {
    /** Modules the bundle's JVM needs: JNA and DJL use jdk.unsupported, the service client java.net.http. */
    public static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.net.http", "java.xml", "java.sql", "java.desktop", "jdk.unsupported", "jdk.crypto.ec",
            "jdk.httpserver", "jdk.zipfs");

    private RuntimeLinker() {
    }

    /**
     * Links the runtime into {@code output}. jlink runs as its own process when the JDK has the launcher: a second
     * in-process run in one JVM was seen to write a different {@code lib/modules}, which breaks reproducible bundles.
     */
    public static void link(Path output) {
        try {
            FileTrees.deleteTree(output);
            Files.createDirectories(output.getParent());
        } catch (IOException e) {
            throw new BadInputException(output, "cannot prepare the runtime directory: " + e.getMessage(), e);
        }
        List<String> args = List.of("--add-modules", String.join(",", MODULES), "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=2", "--output", output.toString());
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "jlink");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code;
        if (Files.isExecutable(launcher)) {
            code = runProcess(launcher, args, log, output);
        } else {
            ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new BadInputException(
                    Path.of(System.getProperty("java.home")), "this Java runtime has no jlink; run the installer with a JDK"));
            PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
            code = jlink.run(ps, ps, args.toArray(String[]::new));
        }
        if (code != 0) {
            throw new BadInputException(output, "jlink failed (" + code + "): " + log.toString(StandardCharsets.UTF_8));
        }
    }

    private static int runProcess(Path launcher, List<String> args, ByteArrayOutputStream log, Path output) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(log);
            return p.waitFor();
        } catch (IOException e) {
            throw new BadInputException(output, "cannot run " + launcher + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException(output, "interrupted while linking the runtime", e);
        }
    }
}
