package org.talkfx.installer;

import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the distributable bundle: the bundle bridge-native built (binary, jars, config, icon) plus a jlinked Java
 * runtime in {@code Contents/Resources/jre}, where the native shim looks first.
 */
public final class BundleAssembler {
    private BundleAssembler() {
    }

    /** The bundle the Maven build of bridge-native leaves behind, relative to the repository root. */
    public static Path builtBundle(Path repositoryRoot) {
        return repositoryRoot.resolve("bridge-native").resolve("target").resolve(InstallTarget.BUNDLE_NAME);
    }

    public static Path runtimeDir(Path bundle) {
        return bundle.resolve("Contents").resolve("Resources").resolve("jre");
    }

    /** Copies {@code built} to {@code out} and adds a runtime unless {@code runtime} is null (then none is bundled). */
    public static Path assemble(Path built, Path runtime, Path out) {
        if (!Files.isDirectory(built)) {
            throw new BadInputException(built, "no built bundle here; run 'mvn package' (or ./talkfx once) first");
        }
        try {
            FileTrees.deleteTree(out);
            FileTrees.copy(built, out);
            if (runtime != null) {
                FileTrees.copy(runtime, runtimeDir(out));
            }
            return out;
        } catch (IOException e) {
            throw new BadInputException(out, "cannot assemble the bundle: " + e.getMessage(), e);
        }
    }
}
