package org.talkfx.installer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real bundle (bridge-native's build) with a jlinked runtime, installed into a temporary prefix, loaded by the
 * in-project OFX test host from the installed location with no JAVA_HOME or TALKFX_JAVA_HOME, so the only Java the
 * plugin can find is the one inside the bundle.
 */
class InstalledBundleTest {
    private static final Path BUILT = Path.of(System.getProperty("talkfx.bundle", "../bridge-native/target/TalkFX.ofx.bundle"));
    private static final Path HOST = Path.of(System.getProperty("talkfx.testHost", "../bridge-native/target/ofx-test-host"));

    @TempDir
    static Path shared;
    static Path runtime;

    @BeforeAll
    static void linkRuntime() {
        assertThat(BUILT).as("bundle built by bridge-native (mvn -pl installer -am verify builds it)").isDirectory();
        assertThat(HOST).as("OFX test host built by bridge-native's test-compile").isExecutable();
        runtime = shared.resolve("runtime");
        RuntimeLinker.link(runtime);
    }

    @Test
    void installedBundleRendersInTheTestHostWithItsOwnRuntimeAndUninstallLeavesNothing(@TempDir Path tmp)
            throws Exception {
        Path assembled = BundleAssembler.assemble(BUILT, runtime, tmp.resolve("dist").resolve(InstallTarget.BUNDLE_NAME));
        InstallTarget target = InstallTarget.prefix(tmp.resolve("prefix"));
        BundleInstaller.install(assembled, target, "test", false);
        FileTrees.deleteTree(assembled); // the host must load the installed copy, nothing else

        Path work = Files.createDirectories(tmp.resolve("work"));
        ProcessBuilder pb = new ProcessBuilder(HOST.toString(), "full", target.bundle().toString(), work.toString())
                .redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("TALKFX_JAVA_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("test host output").contains("RESULT PASS").doesNotContain("CHECK FAILED")
                .contains("CHECK ok: one JVM now: 1",
                        "CHECK ok: Render RGBA OfxBitDepthFloat 64x48 top-down frame 0 gain 0.50 invert");
        assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
        assertThat(work.resolve("report.txt")).content().contains("gain=0.5\n");

        assertThat(BundleInstaller.uninstall(target)).isEmpty();
        try (Stream<Path> left = Files.list(target.pluginDir())) {
            assertThat(left).as("plugin directory after uninstall").isEmpty();
        }
    }

    @Test
    void theHostsClassPathCarriesNoInferenceNativesTheServiceFolderDoesAndTheRuntimeIsThere(@TempDir Path tmp)
            throws IOException {
        Path assembled = BundleAssembler.assemble(BUILT, runtime, tmp.resolve(InstallTarget.BUNDLE_NAME));
        List<String> files = FileTrees.files(assembled);
        assertThat(files).contains("Contents/Linux-x86-64/TalkFX.ofx", "Contents/Resources/talkfx-jvm.cfg",
                "Contents/Resources/jre/lib/server/libjvm.so", "Contents/Resources/talkfx-describe.tsv");
        // the shim loads Contents/Resources/*.jar only: that set must stay free of the engines' natives
        List<String> hostJars = files.stream().filter(f -> f.matches("Contents/Resources/[^/]+\\.jar")).toList();
        assertThat(hostJars).isNotEmpty()
                .anyMatch(f -> f.contains("talkfx-plugin-core"))
                .noneMatch(f -> f.contains("pytorch-native") || f.contains("pytorch-jni")
                        || f.matches(".*/onnxruntime-[0-9].*") || f.contains("tokenizers-"));
        // the render service the effect starts from the bundle needs them
        assertThat(files).anyMatch(f -> f.startsWith("Contents/Resources/service/pytorch-native-cpu"))
                .anyMatch(f -> f.startsWith("Contents/Resources/service/pytorch-jni"));
    }

    @Test
    void assemblingTwiceFromTheSameInputsGivesTheSameBytes(@TempDir Path tmp) throws IOException {
        Path secondRuntime = tmp.resolve("runtime2");
        RuntimeLinker.link(secondRuntime);
        Path a = BundleAssembler.assemble(BUILT, runtime, tmp.resolve("a").resolve(InstallTarget.BUNDLE_NAME));
        Path b = BundleAssembler.assemble(BUILT, secondRuntime, tmp.resolve("b").resolve(InstallTarget.BUNDLE_NAME));
        Map<String, String> first = fingerprint(a);
        Map<String, String> second = fingerprint(b);
        assertThat(first).hasSizeGreaterThan(10);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        assertThat(first.keySet().stream().filter(k -> !first.get(k).equals(second.get(k))).toList())
                .as("files that differ").isEmpty();
    }

    /** relative path -> sha256, modification time and executable bit of every file. */
    private static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<String> files = new ArrayList<>(FileTrees.files(root));
        for (String rel : files) {
            Path f = root.resolve(rel);
            out.put(rel, FileTrees.sha256(f) + " " + Files.getLastModifiedTime(f) + (Files.isExecutable(f) ? " x" : ""));
        }
        return out;
    }
}
