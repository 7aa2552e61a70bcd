package org.talkfx.installer;

import org.talkfx.cli.TalkFxCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install TalkFX.ofx.bundle (with its own Java runtime) where OFX hosts find it.")
public final class InstallCommand implements Callable<Integer>, TalkFxCommand {
    @ArgGroup
    Where where = new Where();

    static final class Where {
        @Option(names = "--system", description = "Install into /usr/OFX/Plugins (the default every host scans).")
        boolean system;
        @Option(names = "--user", description = "Install into ~/.local/share/OFX/Plugins (add it to OFX_PLUGIN_PATH).")
        boolean user;
        @Option(names = "--prefix", paramLabel = "DIR", description = "Install into DIR.")
        Path prefix;
    }

    @Option(names = "--force", description = "Replace a TalkFX.ofx.bundle that TalkFX did not install.")
    boolean force;

    @Option(names = "--no-runtime", description = "Do not bundle a Java runtime (the plugin then needs TALKFX_JAVA_HOME or JAVA_HOME).")
    boolean noRuntime;

    @Override
    public int order() {
        return 60;
    }

    static InstallTarget target(Where where) {
        if (where.prefix != null) {
            return InstallTarget.prefix(where.prefix);
        }
        if (where.user) {
            return InstallTarget.user();
        }
        if (where.system) {
            return InstallTarget.system();
        }
        return Files.isWritable(InstallTarget.SYSTEM_DIR.getParent().getParent()) ? InstallTarget.system() : InstallTarget.user();
    }

    @Override
    public Integer call() {
        Path root = Path.of(System.getProperty("talkfx.root", "."));
        Path work = root.resolve("installer").resolve("target");
        Path runtime = null;
        if (!noRuntime) {
            runtime = work.resolve("runtime");
            System.out.println("Linking a Java runtime (" + RuntimeLinker.MODULES.size() + " modules)...");
            RuntimeLinker.link(runtime);
        }
        Path assembled = BundleAssembler.assemble(BundleAssembler.builtBundle(root), runtime,
                work.resolve("dist").resolve(InstallTarget.BUNDLE_NAME));
        InstallTarget target = target(where);
        String version = getClass().getPackage().getImplementationVersion();
        BundleInstaller.Result r = BundleInstaller.install(assembled, target, version == null ? "dev" : version, force);
        System.out.println((r.upgraded() ? "Upgraded " : "Installed ") + r.bundle() + " (" + r.files() + " files)");
        if (target.needsPluginPath()) {
            System.out.println("Hosts find it only through OFX_PLUGIN_PATH; add this to your shell profile:");
            System.out.println("  " + target.pluginPathLine());
        }
        return 0;
    }
}
