package org.talkfx.installer;

import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Installs a built bundle into an OFX plugin directory and removes it again. An install is staged under a name
 * starting with '@' (which OFX hosts must skip) and swapped in by rename, so a host scanning mid-install sees the
 * old bundle or the new one, never half of one; an upgrade replaces the old bundle the same way.
 */
public final class BundleInstaller {
    private static final String STAGING_PREFIX = "@TalkFX.staging-";
    private static final String RETIRED_PREFIX = "@TalkFX.retired-";

    public record Result(Path bundle, int files, boolean upgraded) {
    }

    private BundleInstaller() {
    }

    public static Result install(Path sourceBundle, InstallTarget target, String version, boolean force) {
        checkSource(sourceBundle);
        Path dir = target.pluginDir();
        Path bundle = target.bundle();
        boolean upgrade = Files.exists(bundle);
        if (upgrade && !InstallManifest.exists(bundle) && !force) {
            throw new BadInputException(bundle, "exists but was not installed by TalkFX; refusing to replace it "
                    + "(use --force to replace it anyway)");
        }
        Path staging = dir.resolve(STAGING_PREFIX + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            FileTrees.deleteTree(staging);
            FileTrees.copy(sourceBundle, staging);
            SortedMap<String, String> files = new TreeMap<>();
            for (String rel : FileTrees.files(staging)) {
                files.put(rel, FileTrees.sha256(staging.resolve(rel)));
            }
            new InstallManifest(InstallManifest.PRODUCT, version, files).write(staging);
            Files.setLastModifiedTime(InstallManifest.location(staging), FileTrees.FIXED_TIME);
            Path retired = dir.resolve(RETIRED_PREFIX + ProcessHandle.current().pid());
            if (upgrade) {
                Files.move(bundle, retired, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, bundle, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.deleteTree(retired);
            return new Result(bundle, files.size() + 1, upgrade);
        } catch (AccessDeniedException e) {
            cleanup(staging);
            throw new BadInputException(dir, "permission denied; install per user (--user) or run as root for "
                    + InstallTarget.SYSTEM_DIR, e);
        } catch (IOException e) {
            cleanup(staging);
            throw new BadInputException(dir, "install failed: " + e, e);
        }
    }

    /**
     * Removes exactly the files the install manifest lists (and then empty directories); anything a user added
     * inside the bundle stays and is reported.
     */
    public static List<Path> uninstall(InstallTarget target) {
        Path bundle = target.bundle();
        if (!Files.exists(bundle)) {
            throw new BadInputException(bundle, "is not installed");
        }
        if (!InstallManifest.exists(bundle)) {
            throw new BadInputException(bundle, "was not installed by TalkFX (no install manifest); not removing it");
        }
        InstallManifest manifest = InstallManifest.read(bundle);
        try {
            for (String rel : manifest.files().keySet()) {
                Files.deleteIfExists(bundle.resolve(rel));
            }
            Files.deleteIfExists(InstallManifest.location(bundle));
            FileTrees.pruneEmptyDirs(bundle);
            List<Path> leftovers = new ArrayList<>();
            if (Files.exists(bundle)) {
                for (String rel : FileTrees.files(bundle)) {
                    leftovers.add(bundle.resolve(rel));
                }
            }
            return leftovers;
        } catch (IOException e) {
            throw new BadInputException(bundle, "uninstall failed: " + e, e);
        }
    }

    private static void checkSource(Path sourceBundle) {
        Path binary = sourceBundle.resolve("Contents").resolve("Linux-x86-64").resolve("TalkFX.ofx");
        if (!Files.isRegularFile(binary)) {
            throw new BadInputException(sourceBundle, "is not a built TalkFX bundle (missing " + binary
                    + "); build it with 'mvn package' first");
        }
    }

    private static void cleanup(Path staging) {
        try {
            FileTrees.deleteTree(staging);
        } catch (IOException ignored) {
            // the install error that brought us here is the one to report
        }
    }
}
