package org.talkfx.installer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeLinkerTest {
    @Test
    void linkedRuntimeStartsAndHasTheDeclaredModulesButNoToolchain(@TempDir Path tmp) throws Exception {
        Path jre = tmp.resolve("jre");
        RuntimeLinker.link(jre);
        assertThat(jre.resolve("lib/server/libjvm.so")).isRegularFile();
        Process p = new ProcessBuilder(jre.resolve("bin/java").toString(), "--list-modules")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out.lines().map(l -> l.replaceAll("@.*", "")).toList())
                .containsAll(RuntimeLinker.MODULES)
                .doesNotContain("jdk.compiler", "java.compiler", "jdk.jshell", "jdk.jlink");
    }
}
