package org.talkfx.installer;

import org.talkfx.common.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public static void link(Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new BadInputException(
                Path.of(System.getProperty("java.home")), "this Java runtime has no jlink; run the installer with a JDK"));
        try {
            FileTrees.deleteTree(output);
            Files.createDirectories(output.getParent());
        } catch (IOException e) {
            throw new BadInputException(output, "cannot prepare the runtime directory: " + e.getMessage(), e);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        int code = jlink.run(ps, ps, "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=2", "--output", output.toString());
        if (code != 0) {
            throw new BadInputException(output, "jlink failed (" + code + "): " + log.toString(StandardCharsets.UTF_8));
        }
    }
}
