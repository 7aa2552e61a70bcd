package org.talkfx.installer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleInstallerTest {
    @TempDir
    Path tmp;

    private Path fakeBuiltBundle(String payload) throws IOException {
        Path b = tmp.resolve("built-" + payload).resolve(InstallTarget.BUNDLE_NAME);
        Path bin = b.resolve("Contents/Linux-x86-64/TalkFX.ofx");
        Files.createDirectories(bin.getParent());
        Files.writeString(bin, "binary " + payload);
        bin.toFile().setExecutable(true);
        Path jar = b.resolve("Contents/Resources/jars/talkfx.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar " + payload);
        return b;
    }

    @Test
    void installsUpgradesAndUninstallsLeavingNothing() throws IOException {
        InstallTarget target = InstallTarget.prefix(tmp.resolve("plugins"));
        BundleInstaller.Result first = BundleInstaller.install(fakeBuiltBundle("v1"), target, "1", false);
        assertThat(first.upgraded()).isFalse();
        Path bin = target.bundle().resolve("Contents/Linux-x86-64/TalkFX.ofx");
        assertThat(bin).hasContent("binary v1").isExecutable();
        assertThat(InstallManifest.read(target.bundle()).files()).containsOnlyKeys(
                "Contents/Linux-x86-64/TalkFX.ofx", "Contents/Resources/jars/talkfx.jar");

        BundleInstaller.Result second = BundleInstaller.install(fakeBuiltBundle("v2"), target, "2", false);
        assertThat(second.upgraded()).isTrue();
        assertThat(bin).hasContent("binary v2");
        try (Stream<Path> s = Files.list(target.pluginDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(InstallTarget.BUNDLE_NAME);
        }

        assertThat(BundleInstaller.uninstall(target)).isEmpty();
        assertThat(target.bundle()).doesNotExist();
    }

    @Test
    void sameBundleGivesByteIdenticalInstalls() throws IOException {
        Path built = fakeBuiltBundle("same");
        InstallTarget a = InstallTarget.prefix(tmp.resolve("a"));
        InstallTarget b = InstallTarget.prefix(tmp.resolve("b"));
        BundleInstaller.install(built, a, "1", false);
        BundleInstaller.install(built, b, "1", false);
        for (String rel : FileTrees.files(a.bundle())) {
            assertThat(Files.readAllBytes(b.bundle().resolve(rel))).as(rel).isEqualTo(Files.readAllBytes(a.bundle().resolve(rel)));
            assertThat(Files.getLastModifiedTime(b.bundle().resolve(rel))).isEqualTo(Files.getLastModifiedTime(a.bundle().resolve(rel)));
        }
        assertThat(FileTrees.files(b.bundle())).isEqualTo(FileTrees.files(a.bundle()));
    }

    @Test
    void refusesToClobberForeignBundleUnlessForced() throws IOException {
        InstallTarget target = InstallTarget.prefix(tmp.resolve("plugins"));
        Path foreign = target.bundle().resolve("Contents/Linux-x86-64/TalkFX.ofx");
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, "someone else's");
        assertThatThrownBy(() -> BundleInstaller.install(fakeBuiltBundle("v1"), target, "1", false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not installed by TalkFX");
        assertThat(foreign).hasContent("someone else's");
        assertThatThrownBy(() -> BundleInstaller.uninstall(target)).hasMessageContaining("not installed by TalkFX");
        BundleInstaller.install(fakeBuiltBundle("v1"), target, "1", true);
        assertThat(foreign).hasContent("binary v1");
    }

    @Test
    void uninstallKeepsFilesTheUserAdded() throws IOException {
        InstallTarget target = InstallTarget.prefix(tmp.resolve("plugins"));
        BundleInstaller.install(fakeBuiltBundle("v1"), target, "1", false);
        Path mine = target.bundle().resolve("Contents/Resources/my-notes.txt");
        Files.writeString(mine, "mine");
        assertThat(BundleInstaller.uninstall(target)).containsExactly(mine);
        assertThat(mine).hasContent("mine");
        assertThat(target.bundle().resolve("Contents/Linux-x86-64")).doesNotExist();
    }

    @Test
    void rejectsSomethingThatIsNotABundleAndLeavesNoStaging() throws IOException {
        InstallTarget target = InstallTarget.prefix(tmp.resolve("plugins"));
        Path empty = Files.createDirectories(tmp.resolve("empty.bundle"));
        assertThatThrownBy(() -> BundleInstaller.install(empty, target, "1", false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not a built TalkFX bundle");
        assertThat(target.pluginDir()).doesNotExist();
    }

    @Test
    void userTargetPrintsPluginPathLine() {
        InstallTarget t = InstallTarget.prefix(Path.of("/opt/fx"));
        assertThat(t.needsPluginPath()).isTrue();
        assertThat(t.pluginPathLine()).isEqualTo("export OFX_PLUGIN_PATH=\"/opt/fx${OFX_PLUGIN_PATH:+:$OFX_PLUGIN_PATH}\"");
        assertThat(InstallTarget.system().needsPluginPath()).isFalse();
    }
}
