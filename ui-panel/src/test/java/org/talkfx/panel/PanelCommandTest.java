package org.talkfx.panel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cli.TalkFx;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PanelCommandTest {
    @TempDir
    Path tmp;

    @Test
    void talkfxListsThePanel() {
        assertThat(TalkFx.commandLine().getSubcommands()).containsKey("panel");
    }

    @Test
    void withoutADisplayItSaysSoAndExitsWith2() {
        // surefire runs this JVM headless, like a server without X
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        int code;
        try {
            code = TalkFx.commandLine().execute("panel", tmp.resolve("shot.json").toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(buf.toString()).contains("talkfx panel: no display");
    }
}
