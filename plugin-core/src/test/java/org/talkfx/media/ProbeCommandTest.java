package org.talkfx.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cli.TalkFx;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run talkfx(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            var cli = TalkFx.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void printsStreamsOfAGeneratedClip() {
        PcmAudio tone = new PcmAudio(new float[][]{TestMedia.sine(440, 0.5, 1, 48000), TestMedia.sine(440, 0.5, 1, 48000)}, 48000);
        Path clip = TestMedia.writeVideo(dir.resolve("clip.mp4"),
                EncodeSettings.of(OutputFormat.H264_MP4, 128, 96, 25).withAudio(tone), 25);
        Run r = talkfx("probe", clip.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("clip.mp4").containsPattern("#0 video h264 128x96, 25\\.000 fps, 25 frames, yuv420p, colour tv/bt709/bt709/bt709, 1\\.000 s")
                .containsPattern("#1 audio aac, 48000 Hz, 2 channels");
        Run json = talkfx("probe", "--json", clip.toString());
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"codec\" : \"h264\"", "\"width\" : 128", "\"sampleRate\" : 48000");
    }

    @Test
    void badFileIsAPlainErrorWithExitCodeTwo() {
        Path missing = dir.resolve("gone.mov");
        Run r = talkfx("probe", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains(missing + ": file does not exist").doesNotContain("at org.talkfx");
    }
}
