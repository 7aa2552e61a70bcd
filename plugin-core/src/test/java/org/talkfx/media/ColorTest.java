package org.talkfx.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Range and matrix survive encode -> probe -> decode: a saturated colour comes back right under every combination,
 * which it could not if either side ignored the signalled range or matrix: a 16-235 vs 0-255 mix-up moves this
 * red-orange by 8-12 levels per channel, a BT.601 vs BT.709 mix-up by up to 13.
 */
class ColorTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int[] COLOUR = {200, 60, 30};

    @TempDir
    Path dir;

    private static byte[] flat() {
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            for (int c = 0; c < 3; c++) {
                rgb[3 * i + c] = (byte) COLOUR[c];
            }
        }
        return rgb;
    }

    @ParameterizedTest
    @CsvSource({"out.mp4,full,bt601", "out.mp4,limited,bt601", "out.mp4,full,bt709", "out.mp4,limited,bt709",
            "out.mov,limited,bt601", "out.mov,limited,bt709"})
    void colourDescriptionIsWrittenAndHonoured(String name, String range, String matrix) {
        boolean full = range.equals("full");
        boolean bt601 = matrix.equals("bt601");
        ColorInfo color = new ColorInfo(full ? avutil.AVCOL_RANGE_JPEG : avutil.AVCOL_RANGE_MPEG,
                bt601 ? avutil.AVCOL_SPC_SMPTE170M : avutil.AVCOL_SPC_BT709,
                bt601 ? avutil.AVCOL_PRI_SMPTE170M : avutil.AVCOL_PRI_BT709,
                bt601 ? avutil.AVCOL_TRC_SMPTE170M : avutil.AVCOL_TRC_BT709);
        Path file = dir.resolve(name);
        try (VideoEncoder enc = VideoEncoder.open(file,
                EncodeSettings.of(OutputFormat.forFileName(name), W, H, 25).withColor(color), null)) {
            enc.write(flat());
            enc.write(flat());
            enc.finish();
        }
        ColorInfo probed = MediaProbe.probe(file).video().orElseThrow().color();
        assertThat(probed.space()).isEqualTo(color.space());
        assertThat(probed.primaries()).isEqualTo(color.primaries());
        assertThat(probed.transfer()).isEqualTo(color.transfer());
        if (name.endsWith(".mp4")) {
            assertThat(probed.range()).isEqualTo(color.range());
        }

        List<VideoFrame> frames = new ArrayList<>();
        VideoDecoder.forEach(file, VideoRequest.sourceFrames(), frames::add);
        int rgb = frames.get(1).rgbAt(W / 2, H / 2);
        assertThat(new int[]{rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff})
                .satisfies(v -> {
                    for (int c = 0; c < 3; c++) {
                        assertThat(v[c]).as("channel %d", c).isBetween(COLOUR[c] - 3, COLOUR[c] + 3);
                    }
                });
    }

    @ParameterizedTest
    @CsvSource({"src.mp4,dst.mov", "src.mp4,dst.mp4"})
    void sourceColourIsCarriedToTheOutput(String source, String target) {
        ColorInfo bt601Full = new ColorInfo(avutil.AVCOL_RANGE_JPEG, avutil.AVCOL_SPC_SMPTE170M,
                avutil.AVCOL_PRI_SMPTE170M, avutil.AVCOL_TRC_SMPTE170M);
        Path src = TestMedia.writeVideo(dir.resolve(source),
                EncodeSettings.of(OutputFormat.forFileName(source), W, H, 25).withColor(bt601Full), 3);
        StreamInfo in = MediaProbe.probe(src).video().orElseThrow();
        Path dst = dir.resolve(target);
        try (VideoDecoder dec = VideoDecoder.open(src, VideoRequest.sourceFrames());
             VideoEncoder enc = VideoEncoder.open(dst, EncodeSettings.of(OutputFormat.forFileName(target), W, H, 25)
                     .withColor(in.color()), null)) {
            while (dec.hasNext()) {
                enc.write(dec.next());
            }
            enc.finish();
        }
        ColorInfo out = MediaProbe.probe(dst).video().orElseThrow().color();
        assertThat(out.space()).isEqualTo(avutil.AVCOL_SPC_SMPTE170M);
        assertThat(out.primaries()).isEqualTo(avutil.AVCOL_PRI_SMPTE170M);
        if (target.endsWith(".mp4")) {
            assertThat(out.range()).isEqualTo(avutil.AVCOL_RANGE_JPEG);
        }
    }
}
