package org.talkfx.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceClientCommandTest {
    @TempDir
    Path tmp;

    @Test
    void startsThroughTheLauncherWhenThereIsOneElseThroughThisJava() throws Exception {
        String saved = System.getProperty("talkfx.root");
        try {
            System.setProperty("talkfx.root", tmp.toString());
            List<String> java = ServiceClient.defaultServeCommand(tmp.resolve("state"), "--media-root", "/m");
            assertThat(java.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            assertThat(java.subList(3, java.size())).containsExactly("org.talkfx.cli.TalkFx", "serve", "--state-dir",
                    tmp.resolve("state").toString(), "--media-root", "/m");

            Path launcher = Files.writeString(tmp.resolve("talkfx"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
            assertThat(ServiceClient.defaultServeCommand(tmp.resolve("state")))
                    .containsExactly(launcher.toString(), "serve", "--state-dir", tmp.resolve("state").toString());
        } finally {
            if (saved == null) {
                System.clearProperty("talkfx.root");
            } else {
                System.setProperty("talkfx.root", saved);
            }
        }
    }

    @Test
    void aStartThatFailsSaysWhy() throws Exception {
        Path state = tmp.resolve("state");
        List<String> failing = List.of("sh", "-c", "echo 'talkfx: no generation engine is installed' >&2; exit 2");
        assertThatThrownBy(() -> ServiceClient.connectOrStart(state, failing, Duration.ofSeconds(20)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("exited at start with code 2")
                .hasMessageContaining("no generation engine is installed");
    }
}
