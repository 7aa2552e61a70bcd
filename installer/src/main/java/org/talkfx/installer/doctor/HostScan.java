package org.talkfx.installer.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which kinds of OFX host will load a bundle at a given place (openfx.md A.3, docs/ofx-host-quirks.md): hosts that
 * follow the spec search OFX_PLUGIN_PATH and then /usr/OFX/Plugins recursively, skipping '@' names; MLT-based editors
 * also search /usr/local/OFX/Plugins but look only at bundles directly inside a searched folder.
 */
public record HostScan(String hosts, List<Path> defaults, boolean recursive) {
    public static final Path SPEC_DEFAULT = Path.of("/usr/OFX/Plugins");
    public static final Path MLT_EXTRA = Path.of("/usr/local/OFX/Plugins");

    public static List<HostScan> known() {
        return List.of(new HostScan("OFX spec hosts (Natron, DaVinci Resolve, Nuke, ...)", List.of(SPEC_DEFAULT), true),
                new HostScan("MLT editors (Kdenlive, Shotcut, melt)", List.of(SPEC_DEFAULT, MLT_EXTRA), false));
    }

    /** The folders this kind of host searches, given the editor's OFX_PLUGIN_PATH. */
    public List<Path> searched(List<Path> ofxPluginPath) {
        List<Path> all = new ArrayList<>(ofxPluginPath);
        all.addAll(defaults);
        return all;
    }

    /** The searched folder through which this kind of host finds {@code bundle}, or null when it never will. */
    public Path seenThrough(Path bundle, List<Path> ofxPluginPath) {
        Path b = bundle.toAbsolutePath().normalize();
        for (Path dir : searched(ofxPluginPath)) {
            Path d = dir.toAbsolutePath().normalize();
            if (!b.startsWith(d) || b.equals(d)) {
                continue;
            }
            Path rel = d.relativize(b);
            boolean skipped = false;
            for (Path part : rel) {
                skipped |= part.toString().startsWith("@");
            }
            if (!skipped && (recursive || rel.getNameCount() == 1)) {
                return dir;
            }
        }
        return null;
    }

    /** OFX_PLUGIN_PATH as a list (':'-separated on Linux; empty entries ignored). */
    public static List<Path> parsePath(String value) {
        List<Path> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(":")) {
                if (!s.isBlank()) {
                    out.add(Path.of(s));
                }
            }
        }
        return out;
    }
}
