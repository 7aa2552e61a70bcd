package org.talkfx.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VideoRoundTripTest {
    private static final int W = 96;
    private static final int H = 64;

    @TempDir
    Path dir;

    private Path out(OutputFormat f) {
        return dir.resolve(switch (f) {
            case PRORES_422_HQ -> "out.mov";
            case H264_MP4 -> "out.mp4";
            case PNG_SEQUENCE -> "frames";
        });
    }

    /** Mean absolute difference per channel value, in 8-bit levels. */
    static double meanAbsError(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / (double) a.length;
    }

    private static List<VideoFrame> decodeAll(Path file, VideoRequest request) {
        List<VideoFrame> frames = new ArrayList<>();
        VideoDecoder.forEach(file, request, frames::add);
        return frames;
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"PRORES_422_HQ", "H264_MP4"})
    void encodeThenDecodeGivesEveryFrameBackInOrderWithSmallError(OutputFormat format) {
        int n = 13; // odd, and more than x264's B-frame delay: a missing flush would lose the tail
        List<long[]> progress = new ArrayList<>();
        Path file = out(format);
        try (VideoEncoder enc = VideoEncoder.open(file, EncodeSettings.of(format, W, H, 25).withExpectedFrames(n),
                (w, e) -> progress.add(new long[]{w, e}))) {
            for (int i = 0; i < n; i++) {
                enc.write(TestMedia.frame(W, H, i));
            }
            enc.finish();
        }
        assertThat(progress).hasSize(n);
        assertThat(progress.get(n - 1)).containsExactly(n, n);

        MediaInfo info = MediaProbe.probe(file);
        StreamInfo v = info.video().orElseThrow();
        assertThat(v.codec()).isEqualTo(format == OutputFormat.H264_MP4 ? "h264" : "prores");
        assertThat(v.width()).isEqualTo(W);
        assertThat(v.height()).isEqualTo(H);
        assertThat(v.fps()).isCloseTo(25.0, within(1e-6));
        assertThat(v.frameCount()).isEqualTo(n);
        assertThat(v.durationSeconds()).isCloseTo(n / 25.0, within(1e-6));

        List<VideoFrame> frames = decodeAll(file, VideoRequest.sourceFrames());
        assertThat(frames).hasSize(n);
        double worstFrame = 0;
        double worstGradient = 0;
        int half = W * H / 2 * 3;
        for (int i = 0; i < n; i++) {
            VideoFrame f = frames.get(i);
            assertThat(f.index()).isEqualTo(i);
            assertThat(f.ptsSeconds()).isCloseTo(i / 25.0, within(1e-6));
            assertThat(TestMedia.readIndex(f)).isEqualTo(i);
            byte[] expected = TestMedia.frame(W, H, i);
            worstFrame = Math.max(worstFrame, meanAbsError(expected, f.rgb()));
            worstGradient = Math.max(worstGradient, meanAbsError(
                    java.util.Arrays.copyOfRange(expected, half, expected.length),
                    java.util.Arrays.copyOfRange(f.rgb(), half, expected.length)));
        }
        // The colour bars' sharp chroma edges lose detail to 4:2:2 / 4:2:0 subsampling; the smooth half must not.
        boolean prores = format == OutputFormat.PRORES_422_HQ;
        assertThat(worstGradient).isLessThan(prores ? 0.5 : 3.0);
        assertThat(worstFrame).isLessThan(prores ? 6.0 : 8.0);
    }

    @Test
    void pngSequenceIsLosslessAndCarriesTheAudio() throws Exception {
        Path seq = out(OutputFormat.PNG_SEQUENCE);
        PcmAudio tone = PcmAudio.mono(TestMedia.sine(440, 0.5, 0.2, 16000), 16000);
        TestMedia.writeVideo(seq, EncodeSettings.of(OutputFormat.PNG_SEQUENCE, 97, 61, 25).withAudio(tone), 5);
        try (var files = Files.list(seq)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "audio.wav", "frame_000000.png", "frame_000001.png", "frame_000002.png", "frame_000003.png", "frame_000004.png");
        }
        for (int i = 0; i < 5; i++) {
            List<VideoFrame> f = decodeAll(seq.resolve(VideoEncoder.pngName(i)), VideoRequest.sourceFrames());
            assertThat(f).hasSize(1);
            assertThat(f.get(0).rgb()).isEqualTo(TestMedia.frame(97, 61, i));
        }
        assertThat(AudioDecoder.decode(seq.resolve("audio.wav")).samples()).hasSize(3200);
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString()).toList()).containsExactly("frames");
        }
    }

    @Test
    void fiftyFramesPerSecondBecomeTwentyFiveByTakingEveryOther() {
        Path file = TestMedia.writeVideo(dir.resolve("50.mov"), EncodeSettings.of(OutputFormat.PRORES_422_HQ, W, H, 50), 20);
        List<VideoFrame> frames = decodeAll(file, VideoRequest.atModelRate());
        assertThat(frames).hasSize(10);
        for (int k = 0; k < frames.size(); k++) {
            assertThat(frames.get(k).ptsSeconds()).isCloseTo(k * 0.04, within(1e-9));
            assertThat(TestMedia.readIndex(frames.get(k))).isEqualTo(2 * k);
        }
    }

    @Test
    void twentyFourFramesPerSecondBecomeTwentyFiveByRepeatingOne() {
        Path file = TestMedia.writeVideo(dir.resolve("24.mov"), EncodeSettings.of(OutputFormat.PRORES_422_HQ, W, H, 24), 24);
        List<VideoFrame> frames = decodeAll(file, VideoRequest.atModelRate());
        assertThat(frames).hasSize(25);
        for (int k = 0; k < 25; k++) {
            int expected = (int) Math.floor(k * 24 / 25.0 + 1e-9);
            assertThat(TestMedia.readIndex(frames.get(k))).as("target frame %d", k).isEqualTo(expected % 24);
        }
        assertThat(frames.get(0).rgb()).isEqualTo(frames.get(1).rgb()).isNotSameAs(frames.get(1).rgb());
    }

    @Test
    void variableFrameRatePicksTheFrameOnScreenAtEachTargetTime() {
        double[] pts = {0, 0.04, 0.2, 0.24, 0.36, 0.6, 0.64};
        Path file = dir.resolve("vfr.mov");
        try (VideoEncoder enc = VideoEncoder.open(file, EncodeSettings.of(OutputFormat.PRORES_422_HQ, W, H, 25), null)) {
            for (int i = 0; i < pts.length; i++) {
                enc.writeAt(TestMedia.frame(W, H, i), pts[i]);
            }
            enc.finish();
        }
        List<VideoFrame> source = decodeAll(file, VideoRequest.sourceFrames());
        assertThat(source).extracting(VideoFrame::ptsSeconds).containsExactly(0.0, 0.04, 0.2, 0.24, 0.36, 0.6, 0.64);
        assertThat(MediaProbe.probe(file).video().orElseThrow().variableFrameRate()).isTrue();

        List<VideoFrame> frames = decodeAll(file, VideoRequest.atModelRate());
        assertThat(frames).hasSize(17); // the last frame (0.64) shows for one nominal frame: up to 0.68
        for (VideoFrame f : frames) {
            double t = f.index() * 0.04;
            int expected = 0;
            for (int i = 0; i < pts.length; i++) {
                if (pts[i] <= t + 1e-9) {
                    expected = i;
                }
            }
            assertThat(TestMedia.readIndex(f)).as("frame at %.2f s", t).isEqualTo(expected);
            assertThat(f.ptsSeconds()).isCloseTo(t, within(1e-9));
        }
    }

    @Test
    void ntscRateKeepsItsExactTimestamps() {
        Path file = TestMedia.writeVideo(dir.resolve("ntsc.mp4"),
                EncodeSettings.of(OutputFormat.H264_MP4, W, H, 30).withFrameRate(30000, 1001), 10);
        assertThat(MediaProbe.probe(file).video().orElseThrow().fps()).isCloseTo(29.97, within(0.001));
        List<VideoFrame> frames = decodeAll(file, VideoRequest.sourceFrames());
        assertThat(frames).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(frames.get(i).ptsSeconds()).isCloseTo(i * 1001 / 30000.0, within(1e-6));
        }
    }

    @Test
    void startAndDurationSelectFramesIncludingAfterASeek() {
        Path file = TestMedia.writeVideo(dir.resolve("long.mp4"), EncodeSettings.of(OutputFormat.H264_MP4, W, H, 25), 60);
        List<VideoFrame> near = decodeAll(file, VideoRequest.atModelRate().range(0.2, 0.2));
        assertThat(near).extracting(TestMedia::readIndex).containsExactly(5, 6, 7, 8, 9);
        assertThat(near.get(0).ptsSeconds()).isCloseTo(0.2, within(1e-9));
        List<VideoFrame> far = decodeAll(file, VideoRequest.atModelRate().range(1.6, 0.2));
        assertThat(far).extracting(TestMedia::readIndex).containsExactly(40 % 24, 41 % 24, 42 % 24, 43 % 24, 44 % 24);
        List<VideoFrame> sourceFar = decodeAll(file, VideoRequest.sourceFrames().range(1.6, 0.2));
        assertThat(sourceFar).extracting(VideoFrame::ptsSeconds).containsExactly(1.6, 1.64, 1.68, 1.72, 1.76);
    }

    @Test
    void framesStayValidAfterTheDecoderIsClosed() {
        Path file = TestMedia.writeVideo(dir.resolve("keep.mp4"), EncodeSettings.of(OutputFormat.H264_MP4, W, H, 25), 4);
        List<VideoFrame> kept = decodeAll(file, VideoRequest.sourceFrames());
        System.gc();
        List<VideoFrame> again = decodeAll(file, VideoRequest.sourceFrames());
        for (int i = 0; i < 4; i++) {
            assertThat(kept.get(i).rgb()).isEqualTo(again.get(i).rgb());
        }
    }
}
