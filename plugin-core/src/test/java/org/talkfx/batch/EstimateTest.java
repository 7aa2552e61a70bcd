package org.talkfx.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --estimate counts frames, windows and model calls from the inputs, measures an unknown configuration with a
 * one-window quick run, stores that in the speed profile, and uses the stored figure the next time.
 */
class EstimateTest {
    @TempDir
    Path tmp;

    @Test
    void estimateCountsCallsAndTimesFromTheSpeedProfile() throws Exception {
        System.setProperty("talkfx.home", tmp.resolve("home").toString());
        BatchFixture fx = new BatchFixture(tmp);
        fx.voice("a.wav", 0.5, 140);
        fx.voice("b.wav", 1.3, 140);
        fx.shot("sh010", "de", "media:face.png", "media:a.wav");
        fx.shot("sh020", "de", "media:face.png", "media:b.wav");
        Path batch = fx.write();

        String first = run(batch.toString(), "--estimate");
        // 0.5 s = 12 frames -> 2 windows of 9 (advance 4); 1 step x 2 passes (draft: audio guidance 2, text 1)
        assertThat(first).containsPattern("sh010_de\\s+12\\s+2\\s+4\\s+6\\s+\\d+m\\d\\ds");
        // 1.3 s = 32 frames -> 7 windows
        assertThat(first).containsPattern("sh020_de\\s+32\\s+7\\s+14\\s+21\\s+\\d+m\\d\\ds");
        assertThat(first).contains("measuring").contains("quick run of one window of sh010_de");
        assertThat(SpeedProfile.defaultFile()).isRegularFile();

        String second = run(batch.toString(), "--estimate", "--no-measure");
        assertThat(second).doesNotContain("measuring").contains("quick run of one window of sh010_de")
                .containsPattern("total\\s+44\\s+9\\s+18");
        assertThat(fx.out).doesNotExist();
    }

    private static String run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new BatchCommand()).execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
