package org.talkfx.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cli.TalkFx;
import org.talkfx.inference.pipeline.GenerationCancelledException;
import org.talkfx.inference.pipeline.HeadComposite;
import org.talkfx.media.AudioFileWriter;
import org.talkfx.media.EncodeSettings;
import org.talkfx.media.MediaInfo;
import org.talkfx.media.MediaProbe;
import org.talkfx.media.OutputFormat;
import org.talkfx.media.PcmAudio;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoEncoder;
import org.talkfx.media.VideoFrame;
import org.talkfx.media.VideoRequest;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code talkfx render} end to end on real media files with the built-in tiny random model. */
class RenderCommandTest {
    @TempDir
    static Path tmp;
    private static Path video;
    private static Path speech;
    private static final String[] FAST = {"--resolution", "32x32", "--preset", "draft", "--window", "9",
            "--context", "5", "--steps", "2"};

    @BeforeAll
    static void media() {
        System.setProperty("talkfx.home", tmp.resolve("home").toString());
        video = tmp.resolve("source.mp4");
        Random random = new Random(3);
        try (VideoEncoder enc = VideoEncoder.open(video, EncodeSettings.of(OutputFormat.H264_MP4, 48, 40, 30),
                (n, t) -> { })) {
            for (int i = 0; i < 24; i++) {
                byte[] rgb = new byte[48 * 40 * 3];
                random.nextBytes(rgb);
                enc.write(rgb);
            }
            enc.finish();
        }
        speech = tmp.resolve("speech.wav");
        float[] s = new float[(int) (44100 * 0.6)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 44100.0));
        }
        AudioFileWriter.write(speech, PcmAudio.mono(s, 44100));
    }

    private static Result talkfx(String... args) {
        CommandLine cli = TalkFx.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, err.toString());
    }

    private record Result(int code, String err) {
    }

    private static String[] args(String... extra) {
        List<String> all = new ArrayList<>(List.of("render"));
        all.addAll(List.of(FAST));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void videoSourceComesBackAtItsOwnFrameRateWithAudioAndReport() throws Exception {
        Path out = tmp.resolve("v2v.mp4");
        Result r = talkfx(args("--source", video.toString(), "--audio", speech.toString(), "--audio",
                "silence:0.3@2", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        MediaInfo info = MediaProbe.probe(out);
        assertThat(info.video().orElseThrow().fps()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(info.audio()).isPresent();
        long frames = VideoDecoder.forEach(out, VideoRequest.sourceFrames(), f -> { });
        assertThat(frames).isEqualTo(18); // 0.6 s = 15 frames at 25 fps = 18 at 30 fps
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("v2v.mp4.json").toFile());
        assertThat(report.at("/frames/generated_25fps").asInt()).isEqualTo(15);
        assertThat(report.at("/frames/output").asInt()).isEqualTo(18);
        assertThat(report.at("/model_dir").asText()).contains("tiny");
        assertThat(report.at("/settings/steps").asInt()).isEqualTo(2);
        assertThat(report.at("/timings_s/generate").asDouble()).isPositive();
        assertThat(report.at("/audio").size()).as("a listening second speaker").isEqualTo(2);
    }

    @Test
    void headOnlyKeepsEverySourcePixelOutsideTheFeatheredBox() throws Exception {
        Path out = tmp.resolve("redub");
        Result r = talkfx(args("--source", video.toString(), "--audio", speech.toString(), "--out", out.toString(),
                "--head-only", "--head-box", "12,8,36,30", "--feather", "3", "--keep-source", "0-0.2"));
        assertThat(r.code()).as(r.err()).isZero();
        List<VideoFrame> source = new ArrayList<>();
        VideoDecoder.forEach(video, VideoRequest.sourceFrames(), source::add);
        float[] box = new float[48 * 40];
        for (int y = 8; y < 30; y++) {
            for (int x = 12; x < 36; x++) {
                box[y * 48 + x] = 1f;
            }
        }
        float[] alpha = HeadComposite.feather(box, 48, 40, 3);
        int changed = 0;
        for (int i = 0; i < 18; i++) {
            List<VideoFrame> got = new ArrayList<>();
            VideoDecoder.forEach(out.resolve(VideoEncoder.pngName(i)), VideoRequest.sourceFrames(), got::add);
            byte[] g = got.get(0).rgb();
            byte[] s = source.get(i).rgb();
            for (int p = 0; p < 48 * 40; p++) {
                for (int c = 0; c < 3; c++) {
                    // output frames 0-5 (30 fps) show 25 fps frames 0-4, inside the kept 0-0.2 s
                    if (alpha[p] == 0f || i <= 5) {
                        assertThat(g[3 * p + c]).as("frame %d pixel %d", i, p).isEqualTo(s[3 * p + c]);
                    } else if (g[3 * p + c] != s[3 * p + c]) {
                        changed++;
                    }
                }
            }
        }
        assertThat(changed).isGreaterThan(1000);
    }

    @Test
    void badInputGetsOneLineNamingTheFile() throws Exception {
        Path missing = tmp.resolve("nope.wav");
        Result r = talkfx(args("--source", video.toString(), "--audio", missing.toString(), "--out",
                tmp.resolve("x.mp4").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.wav").contains("does not exist");

        Path models = Files.createDirectories(tmp.resolve("empty-models"));
        r = talkfx(args("--source", video.toString(), "--audio", speech.toString(), "--out",
                tmp.resolve("y.mp4").toString(), "--models", models.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing model files").contains("wav2vec2").contains("vae");

        r = talkfx(args("--source", speech.toString() + ".png", "--audio", speech.toString(), "--out",
                tmp.resolve("z.mp4").toString()));
        assertThat(r.code()).isEqualTo(2);

        r = talkfx(args("--source", video.toString(), "--audio", speech.toString(), "--out",
                tmp.resolve("w.mp4").toString(), "--head-only"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--head-box");

        r = talkfx(args("--source", video.toString(), "--audio", speech.toString(), "--out",
                tmp.resolve("v.mp4").toString(), "--window", "80"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("4n+1");
        assertThat(tmp.resolve("x.mp4")).doesNotExist();
        assertThat(tmp.resolve("y.mp4")).doesNotExist();
    }

    @Test
    void cancellationLeavesNoOutput() {
        Path out = tmp.resolve("cancelled.mp4");
        RenderCommand cmd = new RenderCommand();
        String[] all = args("--source", video.toString(), "--audio", speech.toString(), "--out", out.toString());
        new CommandLine(cmd).parseArgs(java.util.Arrays.copyOfRange(all, 1, all.length));
        RenderOptions options = cmd.options();
        AtomicBoolean cancelled = new AtomicBoolean(true);
        assertThatThrownBy(() -> new RenderJob(options, System.out, cancelled).run())
                .isInstanceOf(GenerationCancelledException.class);
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve("cancelled.mp4.json")).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".cancelled"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
