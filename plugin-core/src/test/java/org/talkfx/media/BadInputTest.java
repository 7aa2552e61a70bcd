package org.talkfx.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every user mistake is a BadInputException naming the file and the problem, with nothing left behind. */
class BadInputTest {
    @TempDir
    Path dir;
    private final Set<String> inputs = new HashSet<>();

    private Path input(String name, byte[] content) throws Exception {
        inputs.add(name);
        return Files.write(dir.resolve(name), content);
    }

    @AfterEach
    void nothingButTheInputsIsLeft() throws Exception {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .as("no partial or temporary output").isSubsetOf(inputs);
        }
    }

    private static void assertBad(Runnable call, Path file, String problem) {
        assertThatThrownBy(call::run).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(problem)
                .satisfies(e -> assertThat(((BadInputException) e).file()).isEqualTo(file));
    }

    private static void assertBadEverywhere(Path file, String problem) {
        assertBad(() -> AudioDecoder.decode(file), file, problem);
        assertBad(() -> VideoDecoder.open(file, VideoRequest.atModelRate()).close(), file, problem);
        assertBad(() -> MediaProbe.probe(file), file, problem);
    }

    @Test
    void missingFile() {
        assertBadEverywhere(dir.resolve("nothing.wav"), "does not exist");
    }

    @Test
    void directoryInsteadOfFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("clip.mov"));
        inputs.add("clip.mov");
        assertBadEverywhere(sub, "is a directory");
    }

    @Test
    void zeroLengthFile() throws Exception {
        assertBadEverywhere(input("empty.mp4", new byte[0]), "empty");
    }

    @Test
    void nonMediaFile() throws Exception {
        assertBadEverywhere(input("notes.mp3", "just some text, not audio\n".repeat(50).getBytes()), "cannot be read as media");
    }

    @Test
    void truncatedMovWithItsIndexAtTheEnd() throws Exception {
        Path whole = TestMedia.writeVideo(dir.resolve("whole.mov"), EncodeSettings.of(OutputFormat.PRORES_422_HQ, 64, 48, 25), 10);
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        Path cut = input("cut.mov", Arrays.copyOf(bytes, bytes.length / 2));
        assertBadEverywhere(cut, "truncated");
    }

    @Test
    void truncatedMp4WithItsIndexFirst() throws Exception {
        PcmAudio tone = PcmAudio.mono(TestMedia.sine(440, 0.5, 2, 48000), 48000);
        Path whole = TestMedia.writeVideo(dir.resolve("whole.mp4"),
                EncodeSettings.of(OutputFormat.H264_MP4, 64, 48, 25).withAudio(tone), 50);
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        Path cut = input("cut.mp4", Arrays.copyOf(bytes, bytes.length * 6 / 10));
        assertThat(MediaProbe.probe(cut).video().orElseThrow().frameCount()).isEqualTo(50); // the header is intact
        assertBad(() -> VideoDecoder.forEach(cut, VideoRequest.sourceFrames(), f -> { }), cut, "truncated");
        assertBad(() -> VideoDecoder.forEach(cut, VideoRequest.atModelRate(), f -> { }), cut, "truncated");
        assertBad(() -> AudioDecoder.decode(cut), cut, "truncated");
    }

    @Test
    void truncatedWav() throws Exception {
        Path whole = TestMedia.writeWav16(dir.resolve("whole.wav"), PcmAudio.mono(TestMedia.sine(440, 0.5, 4, 16000), 16000));
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        Path cut = input("cut.wav", Arrays.copyOf(bytes, bytes.length / 2));
        assertBad(() -> AudioDecoder.decode(cut), cut, "truncated");
    }

    @Test
    void audioWithNoSamples() throws Exception {
        Path empty = input("silent.wav", wavHeader(1, 0));
        assertBad(() -> AudioDecoder.decode(empty), empty, "no samples");
    }

    @Test
    void unsupportedCodec() throws Exception {
        // A WAV whose format tag names a codec FFmpeg does not know.
        byte[] header = wavHeader(0x7a21, 32000);
        Path odd = input("odd.wav", Arrays.copyOf(header, header.length + 32000));
        assertBad(() -> AudioDecoder.decode(odd), odd, "unsupported codec");
    }

    @Test
    void audioFileHasNoVideo() throws Exception {
        Path wav = TestMedia.writeWav16(dir.resolve("tone.wav"), PcmAudio.mono(TestMedia.sine(440, 0.5, 1, 16000), 16000));
        inputs.add("tone.wav");
        assertBad(() -> VideoDecoder.open(wav, VideoRequest.atModelRate()).close(), wav, "has no video stream");
    }

    @Test
    void videoWithNoFrames() throws Exception {
        Path file = dir.resolve("noframes.avi");
        inputs.add("noframes.avi");
        // AVI keeps a video stream header with no frames (Matroska and MP4 drop such a track).
        try (OutputMuxer muxer = new OutputMuxer(file, file, "avi")) {
            var stream = muxer.newStream();
            stream.codecpar().codec_type(avutil.AVMEDIA_TYPE_VIDEO);
            stream.codecpar().codec_id(avcodec.AV_CODEC_ID_PNG);
            stream.codecpar().width(64);
            stream.codecpar().height(48);
            stream.time_base(avutil.av_make_q(1, 25));
            muxer.writeHeader();
            muxer.writeTrailer();
        }
        assertBad(() -> {
            try (VideoDecoder d = VideoDecoder.open(file, VideoRequest.atModelRate())) {
                d.hasNext();
            }
        }, file, "no frames");
    }

    @Test
    void startBeyondTheEnd() throws Exception {
        Path file = TestMedia.writeVideo(dir.resolve("short.mov"), EncodeSettings.of(OutputFormat.PRORES_422_HQ, 64, 48, 25), 5);
        inputs.add("short.mov");
        assertBad(() -> VideoDecoder.forEach(file, VideoRequest.atModelRate().range(3, 1), f -> { }), file, "beyond the end");
        Path wav = TestMedia.writeWav16(dir.resolve("tone.wav"), PcmAudio.mono(TestMedia.sine(440, 0.5, 1, 16000), 16000));
        inputs.add("tone.wav");
        assertBad(() -> AudioDecoder.decode(wav, AudioRequest.range(5, 1)), wav, "beyond the end");
    }

    @Test
    void unwritableOutputDirectory() throws Exception {
        Path missingDir = dir.resolve("no/such/dir/out.mov");
        assertBad(() -> VideoEncoder.open(missingDir, EncodeSettings.of(OutputFormat.PRORES_422_HQ, 64, 48, 25), null),
                missingDir, "does not exist");
        Path notADir = input("file.txt", "x".getBytes());
        Path under = notADir.resolve("out.mp4");
        assertBad(() -> VideoEncoder.open(under, EncodeSettings.of(OutputFormat.H264_MP4, 64, 48, 25), null),
                under, "not a directory");
        // /proc takes no new files, not even from root (for whom permission bits do not count).
        for (String name : new String[]{"out.mov", "out.mp4", "frames"}) {
            Path proc = Path.of("/proc", name);
            assertThatThrownBy(() -> TestMedia.writeVideo(proc, EncodeSettings.of(OutputFormat.forFileName(name), 64, 48, 25), 2))
                    .isInstanceOf(BadInputException.class).hasMessageStartingWith(proc.toString());
        }
        Path audioOut = dir.resolve("no/such/out.wav");
        assertBad(() -> AudioFileWriter.write(audioOut, PcmAudio.mono(new float[100], 16000)), audioOut, "does not exist");
    }

    @Test
    void pngSequenceRefusesANonEmptyDirectory() throws Exception {
        Path seq = Files.createDirectory(dir.resolve("frames"));
        inputs.add("frames");
        Files.write(seq.resolve("mine.txt"), new byte[]{1});
        assertBad(() -> VideoEncoder.open(seq, EncodeSettings.of(OutputFormat.PNG_SEQUENCE, 64, 48, 25), null),
                seq, "not empty");
        assertThat(seq.resolve("mine.txt")).exists();
    }

    @Test
    void abandonedOrFailedEncodesLeaveNothing() {
        Path out = dir.resolve("abandoned.mp4");
        try (VideoEncoder enc = VideoEncoder.open(out, EncodeSettings.of(OutputFormat.H264_MP4, 64, 48, 25), null)) {
            enc.write(TestMedia.frame(64, 48, 0));
            // no finish(): e.g. the render was cancelled
        }
        assertThat(out).doesNotExist();
        Path seq = dir.resolve("seq");
        try (VideoEncoder enc = VideoEncoder.open(seq, EncodeSettings.of(OutputFormat.PNG_SEQUENCE, 64, 48, 25), null)) {
            enc.write(TestMedia.frame(64, 48, 0));
            assertThatThrownBy(() -> enc.write(new byte[10])).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(seq).doesNotExist();
        Path empty = dir.resolve("empty.mov");
        try (VideoEncoder enc = VideoEncoder.open(empty, EncodeSettings.of(OutputFormat.PRORES_422_HQ, 64, 48, 25), null)) {
            assertThatThrownBy(enc::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("no frames");
        }
    }

    @Test
    void unknownAudioOutputType() {
        Path out = dir.resolve("sound.xyz");
        assertBad(() -> AudioFileWriter.write(out, PcmAudio.mono(new float[100], 16000)), out, "unknown audio file type");
    }

    private static byte[] wavHeader(int formatTag, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) 1).putInt(16000)
                .putInt(32000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        return b.array();
    }
}
