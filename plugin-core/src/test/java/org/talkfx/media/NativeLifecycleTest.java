package org.talkfx.media;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JavaCPP pitfalls: opening and closing decoders and encoders many times (also half-way through a stream, and after
 * failures) must neither crash the JVM (double free, use after unref) nor grow native memory (missed free).
 */
class NativeLifecycleTest {
    private static final int ROUNDS = 200;

    @TempDir
    Path dir;

    /** Resident memory outside the Java heap, in bytes. */
    private static long nativeBytes() {
        System.gc();
        return Pointer.physicalBytes() - Runtime.getRuntime().totalMemory();
    }

    @Test
    void openCloseTwoHundredTimesWithoutGrowthOrCrash() throws Exception {
        PcmAudio tone = PcmAudio.mono(TestMedia.sine(440, 0.5, 0.5, 48000), 48000);
        Path clip = TestMedia.writeVideo(dir.resolve("clip.mp4"),
                EncodeSettings.of(OutputFormat.H264_MP4, 320, 240, 25).withAudio(tone), 8);
        Path notMedia = Files.write(dir.resolve("junk.mov"), "not a movie".repeat(100).getBytes());

        long before = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (round == 20) {
                before = nativeBytes(); // after warm-up: code, caches and allocator pools are in place
            }
            try (VideoDecoder d = VideoDecoder.open(clip, VideoRequest.atModelRate())) {
                d.next();
                d.next(); // closed mid-stream: frames still held by the decoder must be freed
            }
            assertThat(AudioDecoder.decode(clip).samples()).hasSize(8000);
            assertThat(MediaProbe.probe(clip).streams()).hasSize(2);
            try (VideoEncoder e = VideoEncoder.open(dir.resolve("abandoned.mov"),
                    EncodeSettings.of(OutputFormat.PRORES_422_HQ, 320, 240, 25).withAudio(tone), null)) {
                e.write(TestMedia.frame(320, 240, round));
            }
            try {
                MediaProbe.probe(notMedia);
            } catch (org.talkfx.common.BadInputException expected) {
                // the failure path frees too
            }
        }
        long growth = nativeBytes() - before;
        assertThat(growth).as("native memory growth over %d rounds: %d MiB", ROUNDS - 20, growth >> 20)
                .isLessThan(48L << 20);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(2);
        }
    }

    @Test
    void everyEncodedFrameComesBackForManySmallCounts() {
        // Dropping the encoder's or decoder's delayed frames shows as a shortfall at the end of short clips.
        for (int n = 1; n <= 12; n++) {
            for (OutputFormat f : new OutputFormat[]{OutputFormat.H264_MP4, OutputFormat.PRORES_422_HQ}) {
                Path file = TestMedia.writeVideo(dir.resolve("n" + n + (f == OutputFormat.H264_MP4 ? ".mp4" : ".mov")),
                        EncodeSettings.of(f, 64, 48, 25), n);
                long[] last = {-1};
                long count = VideoDecoder.forEach(file, VideoRequest.sourceFrames(), fr -> last[0] = TestMedia.readIndex(fr));
                assertThat(count).as("%s with %d frames", f, n).isEqualTo(n);
                assertThat(last[0]).isEqualTo((n - 1) % 24);
                assertThat(VideoDecoder.forEach(file, VideoRequest.atModelRate(), fr -> { })).isEqualTo(n);
            }
        }
    }
}
