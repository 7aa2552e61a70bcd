package org.talkfx.installer.doctor;

import org.talkfx.cli.doctor.DoctorCheck;
import org.talkfx.cli.doctor.Finding;
import org.talkfx.common.BadInputException;
import org.talkfx.installer.BundleAssembler;
import org.talkfx.installer.InstallManifest;
import org.talkfx.installer.InstallTarget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The installed TalkFX bundles (OFX_PLUGIN_PATH, the system folders, the per-user folder): whether each is whole
 * (install manifest hashes), carries its runtime, and which kinds of host will load it.
 */
public final class BundleCheck implements DoctorCheck {
    private final List<Path> ofxPluginPath;
    private final List<Path> places;
    private final Map<String, String> env;

    /** What an editor started from this environment would see. */
    public BundleCheck() {
        this(HostScan.parsePath(System.getenv("OFX_PLUGIN_PATH")),
                List.of(HostScan.SPEC_DEFAULT, HostScan.MLT_EXTRA, InstallTarget.user().pluginDir()), System.getenv());
    }

    /**
     * @param ofxPluginPath the editor's OFX_PLUGIN_PATH
     * @param otherPlaces   folders to look in besides those of OFX_PLUGIN_PATH
     * @param env           for TALKFX_JAVA_HOME / JAVA_HOME when a bundle has no runtime
     */
    public BundleCheck(List<Path> ofxPluginPath, List<Path> otherPlaces, Map<String, String> env) {
        this.ofxPluginPath = List.copyOf(ofxPluginPath);
        Set<Path> all = new LinkedHashSet<>(ofxPluginPath);
        all.addAll(otherPlaces);
        this.places = List.copyOf(all);
        this.env = Map.copyOf(env);
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String title() {
        return "OFX bundle and hosts (OFX_PLUGIN_PATH " + (ofxPluginPath.isEmpty() ? "not set" : ofxPluginPath) + ")";
    }

    @Override
    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        List<Path> bundles = places.stream().map(d -> d.resolve(InstallTarget.BUNDLE_NAME)).filter(Files::isDirectory).toList();
        if (bundles.isEmpty()) {
            out.add(Finding.fail("installed", "no " + InstallTarget.BUNDLE_NAME + " in " + places,
                    "talkfx install --user (then add the OFX_PLUGIN_PATH line it prints), or as root: talkfx install --system"));
            return out;
        }
        for (Path bundle : bundles) {
            out.add(integrity(bundle));
            out.add(runtime(bundle));
            boolean seen = false;
            for (HostScan host : HostScan.known()) {
                Path via = host.seenThrough(bundle, ofxPluginPath);
                seen |= via != null;
                out.add(via != null ? Finding.ok("host", host.hosts() + ": yes, via " + via)
                        : Finding.warn("host", host.hosts() + ": no (searches " + host.searched(ofxPluginPath) + ")",
                        host.recursive() ? "add the folder to OFX_PLUGIN_PATH" : "put the bundle directly in one of those folders"));
            }
            if (!seen) {
                out.add(Finding.fail("visible", bundle + " is in no folder an editor searches",
                        "add to the editor's environment (e.g. ~/.profile, then log in again): "
                                + InstallTarget.prefix(bundle.getParent()).pluginPathLine()));
            }
        }
        if (bundles.size() > 1) {
            out.add(Finding.warn("copies", bundles.size() + " TalkFX bundles; hosts load the first they find "
                    + "(OFX_PLUGIN_PATH first)", "keep one: talkfx uninstall --user / --system / --prefix DIR"));
        }
        if (!ofxPluginPath.isEmpty()) {
            out.add(Finding.ok("note", "OFX_PLUGIN_PATH must be set where the editor starts (desktop launchers do not "
                    + "read ~/.bashrc; use ~/.profile or ~/.config/environment.d/)"));
        }
        return out;
    }

    private static Finding integrity(Path bundle) {
        if (!InstallManifest.exists(bundle)) {
            return Finding.warn("bundle", bundle + " (copied by hand: no install manifest, cannot check its files)",
                    "reinstall with talkfx install --force to get upgrades and a clean uninstall");
        }
        try {
            InstallManifest m = InstallManifest.read(bundle);
            List<String> changed = m.changedFiles(bundle);
            return changed.isEmpty()
                    ? Finding.ok("bundle", bundle + " version " + m.version() + ", " + m.files().size() + " files intact")
                    : Finding.fail("bundle", bundle + ": " + changed.size() + " installed file(s) missing or changed, e.g. "
                    + changed.get(0), "install again: talkfx install (same target)");
        } catch (BadInputException e) {
            return Finding.fail("bundle", e.getMessage(), "install again: talkfx install --force");
        }
    }

    private Finding runtime(Path bundle) {
        Path jvm = BundleAssembler.runtimeDir(bundle).resolve("lib/server/libjvm.so");
        if (Files.isRegularFile(jvm)) {
            return Finding.ok("runtime", "bundled: " + BundleAssembler.runtimeDir(bundle));
        }
        for (String var : new String[]{"TALKFX_JAVA_HOME", "JAVA_HOME"}) {
            String home = env.get(var);
            if (home != null && Files.isRegularFile(Path.of(home, "lib/server/libjvm.so"))) {
                return Finding.warn("runtime", "none bundled; the plugin will use " + var + "=" + home
                        + " if the editor's environment has it", "reinstall without --no-runtime");
            }
        }
        return Finding.fail("runtime", "none bundled, and neither TALKFX_JAVA_HOME nor JAVA_HOME points to a Java 17+ runtime",
                "reinstall without --no-runtime, or set TALKFX_JAVA_HOME in the editor's environment");
    }
}
