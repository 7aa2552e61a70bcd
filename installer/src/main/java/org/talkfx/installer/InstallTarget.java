package org.talkfx.installer;

import java.nio.file.Path;

/**
 * Where a bundle goes. The system directory is the OFX default every Linux host scans; a user directory works only
 * when listed in OFX_PLUGIN_PATH, so {@link #needsPluginPath()} tells the CLI to print that line.
 */
public record InstallTarget(Path pluginDir, boolean needsPluginPath) {
    public static final String BUNDLE_NAME = "TalkFX.ofx.bundle";
    public static final Path SYSTEM_DIR = Path.of("/usr/OFX/Plugins");

    public static InstallTarget system() {
        return new InstallTarget(SYSTEM_DIR, false);
    }

    /** {@code $XDG_DATA_HOME/OFX/Plugins}, else {@code ~/.local/share/OFX/Plugins}. */
    public static InstallTarget user() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return new InstallTarget(base.resolve("OFX").resolve("Plugins"), true);
    }

    public static InstallTarget prefix(Path dir) {
        return new InstallTarget(dir.toAbsolutePath().normalize(), !dir.toAbsolutePath().normalize().equals(SYSTEM_DIR));
    }

    public Path bundle() {
        return pluginDir.resolve(BUNDLE_NAME);
    }

    /** The shell line that makes hosts scan this directory. */
    public String pluginPathLine() {
        return "export OFX_PLUGIN_PATH=\"" + pluginDir + "${OFX_PLUGIN_PATH:+:$OFX_PLUGIN_PATH}\"";
    }
}
