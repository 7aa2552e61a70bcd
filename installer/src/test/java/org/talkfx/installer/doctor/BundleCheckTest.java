package org.talkfx.installer.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cli.TalkFx;
import org.talkfx.cli.doctor.Finding;
import org.talkfx.installer.BundleInstaller;
import org.talkfx.installer.InstallTarget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BundleCheckTest {
    @TempDir
    Path tmp;

    private Path builtBundle(boolean withRuntime) throws IOException {
        Path b = tmp.resolve("built").resolve(InstallTarget.BUNDLE_NAME);
        Path bin = b.resolve("Contents/Linux-x86-64/TalkFX.ofx");
        Files.createDirectories(bin.getParent());
        Files.writeString(bin, "binary");
        Files.createDirectories(b.resolve("Contents/Resources"));
        Files.writeString(b.resolve("Contents/Resources/talkfx.jar"), "jar");
        if (withRuntime) {
            Path jvm = b.resolve("Contents/Resources/jre/lib/server/libjvm.so");
            Files.createDirectories(jvm.getParent());
            Files.writeString(jvm, "jvm");
        }
        return b;
    }

    private static Finding find(List<Finding> findings, String what, String detailPart) {
        return findings.stream().filter(f -> f.what().equals(what) && f.detail().contains(detailPart)).findFirst()
                .orElseThrow(() -> new AssertionError(what + " / " + detailPart + " not in " + findings));
    }

    @Test
    void specHostsSearchRecursivelyMltOnlyOneLevelAndBothSkipAtNames() {
        Path dir = Path.of("/opt/fx");
        HostScan spec = HostScan.known().get(0);
        HostScan mlt = HostScan.known().get(1);
        assertThat(spec.seenThrough(dir.resolve("TalkFX.ofx.bundle"), List.of(dir))).isEqualTo(dir);
        assertThat(mlt.seenThrough(dir.resolve("TalkFX.ofx.bundle"), List.of(dir))).isEqualTo(dir);
        assertThat(spec.seenThrough(dir.resolve("vendor/TalkFX.ofx.bundle"), List.of(dir))).isEqualTo(dir);
        assertThat(mlt.seenThrough(dir.resolve("vendor/TalkFX.ofx.bundle"), List.of(dir))).isNull();
        assertThat(spec.seenThrough(dir.resolve("@old/TalkFX.ofx.bundle"), List.of(dir))).isNull();
        assertThat(spec.seenThrough(Path.of("/usr/local/OFX/Plugins/TalkFX.ofx.bundle"), List.of())).isNull();
        assertThat(mlt.seenThrough(Path.of("/usr/local/OFX/Plugins/TalkFX.ofx.bundle"), List.of())).isNotNull();
        assertThat(HostScan.parsePath("/a::/b")).containsExactly(Path.of("/a"), Path.of("/b"));
    }

    @Test
    void anInstalledBundleOnThePluginPathIsIntactAndSeenByBothKindsOfHost() throws IOException {
        InstallTarget target = InstallTarget.prefix(tmp.resolve("plugins"));
        BundleInstaller.install(builtBundle(true), target, "1.2", false);
        List<Finding> f = new BundleCheck(List.of(target.pluginDir()), List.of(), Map.of()).run();
        assertThat(find(f, "bundle", "version 1.2").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(f, "runtime", "bundled").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(f, "host", "OFX spec hosts").level()).isEqualTo(Finding.Level.OK);
        assertThat(find(f, "host", "MLT editors").level()).isEqualTo(Finding.Level.OK);
        assertThat(f).noneMatch(x -> x.level() == Finding.Level.FAIL);

        Files.writeString(target.bundle().resolve("Contents/Resources/talkfx.jar"), "tampered");
        Finding changed = find(new BundleCheck(List.of(target.pluginDir()), List.of(), Map.of()).run(), "bundle", "changed");
        assertThat(changed.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(changed.detail()).contains("Contents/Resources/talkfx.jar");
        assertThat(changed.fix()).contains("talkfx install");
    }

    @Test
    void aBundleNoHostSearchesAndWithoutRuntimeIsAProblemWithTheLineToAdd() throws IOException {
        InstallTarget target = InstallTarget.prefix(tmp.resolve("user-plugins"));
        BundleInstaller.install(builtBundle(false), target, "1", false);
        List<Finding> f = new BundleCheck(List.of(), List.of(target.pluginDir()), Map.of()).run();
        Finding visible = find(f, "visible", "in no folder");
        assertThat(visible.level()).isEqualTo(Finding.Level.FAIL);
        assertThat(visible.fix()).contains("export OFX_PLUGIN_PATH=\"" + target.pluginDir());
        assertThat(find(f, "runtime", "none bundled").level()).isEqualTo(Finding.Level.FAIL);

        Path jdk = Path.of(System.getProperty("java.home"));
        List<Finding> withJavaHome = new BundleCheck(List.of(), List.of(target.pluginDir()),
                Map.of("JAVA_HOME", jdk.toString())).run();
        assertThat(find(withJavaHome, "runtime", "JAVA_HOME=" + jdk).level()).isEqualTo(Finding.Level.WARN);
    }

    @Test
    void nothingInstalledSaysHowToInstall() {
        List<Finding> f = new BundleCheck(List.of(), List.of(tmp.resolve("nowhere")), Map.of()).run();
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.level()).isEqualTo(Finding.Level.FAIL);
            assertThat(x.fix()).contains("talkfx install --user");
        });
    }

    @Test
    void doctorPrintsTheNewSectionsWithWhatToDo() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            TalkFx.commandLine().execute("doctor");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Java\n", "GPU\n", "OFX bundle and hosts", "Render service\n", "Render cache\n",
                "] CUDA", "] location", "] running");
        assertThat(out.indexOf("GPU\n")).isLessThan(out.indexOf("OFX bundle and hosts"));
        assertThat(out).containsPattern("\\[(FAIL|warn)\\][^\\n]*\\n\\s+fix: ");
    }
}
