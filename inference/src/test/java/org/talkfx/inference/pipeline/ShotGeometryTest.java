package org.talkfx.inference.pipeline;

import org.junit.jupiter.api.Test;
import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Speaker timelines, resolution buckets, the crop mapping, speaker masks and the head composite. */
class ShotGeometryTest {
    private static SpeakerTrack track(int samples, float value, float gain, double offset) {
        float[] s = new float[samples];
        java.util.Arrays.fill(s, value);
        return new SpeakerTrack(Path.of("a.wav"), s, gain, offset);
    }

    @Test
    void paraOverlapsAndAddTakesTurns() {
        SpeakerTimeline para = SpeakerTimeline.of(List.of(track(16000, 0.1f, 1f, 0), track(8000, 0.2f, 2f, 0.25)),
                AudioMode.PARA);
        assertThat(para.samples()).isEqualTo(16000);
        assertThat(para.frames()).isEqualTo(25);
        assertThat(para.tracks().get(1)[3999]).isZero();
        assertThat(para.tracks().get(1)[4000]).isEqualTo(0.4f);
        assertThat(para.mix()[5000]).isCloseTo(0.5f, within(1e-6f));
        assertThat(para.tracks().get(1)[12000]).isZero();

        SpeakerTimeline add = SpeakerTimeline.of(List.of(track(16000, 0.1f, 1f, 0), track(8000, 0.2f, 1f, 0)),
                AudioMode.ADD);
        assertThat(add.samples()).isEqualTo(24000);
        assertThat(add.tracks().get(0)[16000]).as("speaker 1 silent during 2's turn").isZero();
        assertThat(add.tracks().get(1)[15999]).as("speaker 2 silent during 1's turn").isZero();
        assertThat(add.tracks().get(1)[16000]).isEqualTo(0.2f);
    }

    @Test
    void bucketsFollowTheOfficialTables() {
        assertThat(Resolution.bucket480().sizeFor(1920, 1080)).containsExactly(896, 448); // h/w 0.5625: closest entry 0.50
        assertThat(Resolution.bucket480().sizeFor(1000, 1000)).containsExactly(640, 640);
        assertThat(Resolution.bucket480().sizeFor(1080, 1920)).containsExactly(448, 832);
        assertThat(Resolution.bucket720().sizeFor(1280, 720)).containsExactly(1280, 704);
        assertThat(Resolution.parse("64x48").sizeFor(10, 10)).containsExactly(64, 48);
        assertThatThrownBy(() -> Resolution.parse("70x48")).hasMessageContaining("divide by 16");
    }

    @Test
    void cropMappingCoversTheCentreAndMapsBack() {
        CropMapping m = CropMapping.of(200, 100, 64, 64);
        assertThat(m.scale()).isCloseTo(0.64, within(1e-9));
        assertThat(m.offsetX()).isEqualTo(32); // resized 128x64, centre 64 columns
        assertThat(m.covers(0, 50)).isFalse();
        assertThat(m.covers(100, 50)).isTrue();
        byte[] rgb = new byte[3 * 200 * 100];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                rgb[3 * (y * 200 + x)] = (byte) x;
            }
        }
        RgbImage fitted = m.forward(new RgbImage(200, 100, rgb));
        assertThat(fitted.width()).isEqualTo(64);
        assertThat(fitted.rgb()[0] & 0xff).isBetween(49, 51); // generation column 0 = source column ~50
        assertThat(m.sampleBack(fitted, 100, 50, 0)).isCloseTo(100, within(2.0));
    }

    @Test
    void twoSpeakerDefaultsAreLeftAndRightHalvesWithBackground() {
        CropMapping crop = CropMapping.of(64, 32, 64, 32);
        List<String> warnings = new ArrayList<>();
        SpeakerMaskSource masks = SpeakerMasks.of(2, List.of(), crop, warnings::add);
        assertThat(masks.count()).isEqualTo(3);
        float[] m = masks.at(0, 4, 8);
        assertThat(m[8 + 1]).isEqualTo(1f);
        assertThat(m[8 + 6]).isEqualTo(0f);
        assertThat(m[32 + 8 + 6]).isEqualTo(1f);
        assertThat(warnings).isEmpty();
        SpeakerMasks.of(3, List.of(), crop, warnings::add);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void badSpeakerMasksAreNamed() {
        CropMapping crop = CropMapping.of(64, 32, 64, 32);
        SpeakerMaskSource wrongSize = SpeakerMasks.of(2, List.of(f -> new float[10], f -> new float[10]), crop,
                w -> { });
        assertThatThrownBy(() -> wrongSize.at(0, 4, 8)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("speaker 1 mask").hasMessageContaining("64x32");
        SpeakerMaskSource empty = SpeakerMasks.of(2, List.of(f -> new float[64 * 32],
                SpeakerRegion.box(64, 32, 0, 0, 8, 8)), crop, w -> { });
        assertThatThrownBy(() -> empty.at(0, 4, 8)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("speaker 1 mask is empty");
        assertThatThrownBy(() -> SpeakerMasks.of(2, List.of(SpeakerRegion.box(64, 32, 0, 0, 8, 8)), crop, w -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("2 speakers but 1");
    }

    @Test
    void compositeIsBitExactOutsideTheFeatheredMask() {
        int w = 40;
        int h = 30;
        byte[] a = new byte[3 * w * h];
        byte[] b = new byte[3 * w * h];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        float[] mask = new float[w * h];
        for (int y = 11; y <= 19; y++) {
            for (int x = 16; x <= 24; x++) {
                mask[y * w + x] = 1f;
            }
        }
        float[] alpha = HeadComposite.feather(mask, w, h, 3);
        int nonZero = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean near = Math.abs(x - 20) <= 10 && Math.abs(y - 15) <= 10;
                if (!near) {
                    assertThat(alpha[y * w + x]).isZero();
                }
                nonZero += alpha[y * w + x] > 0 ? 1 : 0;
            }
        }
        assertThat(nonZero).isEqualTo(21 * 21);
        assertThat(alpha[15 * w + 20]).isGreaterThan(0.7f);
        CropMapping identity = CropMapping.of(w, h, w, h);
        RgbImage out = HeadComposite.composite(new RgbImage(w, h, a), new RgbImage(w, h, b), identity, alpha);
        for (int p = 0; p < w * h; p++) {
            if (alpha[p] == 0f) {
                for (int c = 0; c < 3; c++) {
                    assertThat(out.rgb()[3 * p + c]).isEqualTo(a[3 * p + c]);
                }
            }
        }
        assertThat(out.rgb()[3 * (15 * w + 20)]).isNotEqualTo(a[3 * (15 * w + 20)]);
    }
}
