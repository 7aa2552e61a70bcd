package org.talkfx.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TalkFxCliTest {
    @Test
    void everySubcommandHasHelp() {
        CommandLine cli = TalkFx.commandLine();
        assertThat(cli.getSubcommands()).containsKeys("doctor", "bench");
        for (String name : cli.getSubcommands().keySet()) {
            StringWriter out = new StringWriter();
            CommandLine fresh = TalkFx.commandLine();
            fresh.setOut(new PrintWriter(out));
            fresh.setErr(new PrintWriter(out));
            assertThat(fresh.execute(name, "--help")).as(name + ": " + out).isZero();
            assertThat(out.toString()).as(name).contains("Usage: talkfx " + name);
        }
    }

    @Test
    void doctorReportsLoadedEnginesAndCodecs() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = TalkFx.commandLine().execute("doctor");
        } finally {
            System.setOut(saved);
        }
        String report = buf.toString(StandardCharsets.UTF_8);
        assertThat(report).containsPattern("\\[ ok ] PyTorch +version 2\\.7\\.1");
        assertThat(report).containsPattern("\\[ ok ] OnnxRuntime +version");
        assertThat(report).containsPattern("\\[ ok ] encoder libx264 +available");
        assertThat(report).containsPattern("\\[ ok ] encoder prores_ks +available");
        assertThat(code).as(report).isZero();
    }
}
