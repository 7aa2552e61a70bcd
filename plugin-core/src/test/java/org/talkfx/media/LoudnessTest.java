package org.talkfx.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The meter against EBU Tech 3341's reference signals (1 kHz sines, levels as peak dBFS, in both channels of a stereo
 * signal), generated here, and against the coefficient table of ITU-R BS.1770-4 at 48 kHz.
 */
class LoudnessTest {
    private static final double TOLERANCE_LU = 0.1;

    /** Concatenated 1 kHz stereo sine segments: {level dBFS, seconds} pairs. */
    private static PcmAudio sequence(int rate, double[]... segments) {
        float[][] parts = new float[segments.length][];
        for (int i = 0; i < segments.length; i++) {
            parts[i] = TestMedia.sine(1000, TestMedia.dbToAmplitude(segments[i][0]), segments[i][1], rate);
        }
        float[] ch = TestMedia.concat(parts);
        return new PcmAudio(new float[][]{ch, ch.clone()}, rate);
    }

    @Test
    void coefficientsReproduceTheBs1770TableAt48k() {
        Biquad shelf = KWeighting.shelf(48000);
        assertThat(shelf.b0()).isCloseTo(1.53512485958697, within(1e-9));
        assertThat(shelf.b1()).isCloseTo(-2.69169618940638, within(1e-9));
        assertThat(shelf.b2()).isCloseTo(1.19839281085285, within(1e-9));
        assertThat(shelf.a1()).isCloseTo(-1.69065929318241, within(1e-9));
        assertThat(shelf.a2()).isCloseTo(0.73248077421585, within(1e-9));
        Biquad hp = KWeighting.highPass(48000);
        assertThat(hp.a1()).isCloseTo(-1.99004745483398, within(1e-9));
        assertThat(hp.a2()).isCloseTo(0.99007225036621, within(1e-9));
        assertThat(new double[]{hp.b0(), hp.b1(), hp.b2()}).containsExactly(1, -2, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100, 16000})
    void tech3341Case1SineAtMinus23(int rate) {
        assertThat(Loudness.integrated(sequence(rate, new double[]{-23, 20}))).isCloseTo(-23.0, within(TOLERANCE_LU));
    }

    @Test
    void tech3341Case2SineAtMinus33() {
        assertThat(Loudness.integrated(sequence(48000, new double[]{-33, 20}))).isCloseTo(-33.0, within(TOLERANCE_LU));
    }

    @Test
    void tech3341Case3RelativeGate() {
        PcmAudio a = sequence(48000, new double[]{-36, 10}, new double[]{-23, 60}, new double[]{-36, 10});
        assertThat(Loudness.integrated(a)).isCloseTo(-23.0, within(TOLERANCE_LU));
    }

    @Test
    void tech3341Case4AbsoluteAndRelativeGates() {
        PcmAudio a = sequence(48000, new double[]{-72, 10}, new double[]{-36, 10}, new double[]{-23, 60},
                new double[]{-36, 10}, new double[]{-72, 10});
        assertThat(Loudness.integrated(a)).isCloseTo(-23.0, within(TOLERANCE_LU));
    }

    @Test
    void tech3341Case5LouderMiddle() {
        PcmAudio a = sequence(48000, new double[]{-26, 20}, new double[]{-20, 20.1}, new double[]{-26, 20});
        assertThat(Loudness.integrated(a)).isCloseTo(-23.0, within(TOLERANCE_LU));
    }

    @Test
    void gatingMattersWithoutItTheQuietPartsWouldPullTheMeasureDown() {
        // Guard against a meter that ignores the gates: the plain mean of case 4 would be well below -23.
        PcmAudio a = sequence(48000, new double[]{-72, 10}, new double[]{-36, 10}, new double[]{-23, 60},
                new double[]{-36, 10}, new double[]{-72, 10});
        double plainMeanPower = 0;
        for (float[] c : a.channels()) {
            plainMeanPower += Math.pow(TestMedia.rms(c, 0, c.length), 2);
        }
        assertThat(10 * Math.log10(plainMeanPower)).isLessThan(-24.0);
    }

    @Test
    void normalisesMonoSixteenKilohertzToMinus23() {
        float[] quiet = TestMedia.sine(440, 0.02, 3, 16000);
        Loudness.Normalized n = Loudness.normalize(quiet, 16000, Loudness.TARGET_LUFS, KWeighting.Design.BS1770);
        assertThat(n.applied()).isTrue();
        assertThat(n.measuredLufs()).isLessThan(-30);
        assertThat(Loudness.integrated(n.samples(), 16000)).isCloseTo(-23.0, within(0.01));
        assertThat(n.samples()[100] / quiet[100]).isCloseTo((float) Math.pow(10, n.gainDb() / 20), within(1e-4f));
    }

    @Test
    void pyloudnormDesignPassesTech3341At48kAndReadsSlightlyLowAt16k() {
        assertThat(Loudness.integrated(sequence(48000, new double[]{-23, 20}), KWeighting.Design.PYLOUDNORM))
                .isCloseTo(-23.0, within(TOLERANCE_LU));
        PcmAudio case4 = sequence(48000, new double[]{-72, 10}, new double[]{-36, 10}, new double[]{-23, 60},
                new double[]{-36, 10}, new double[]{-72, 10});
        assertThat(Loudness.integrated(case4, KWeighting.Design.PYLOUDNORM)).isCloseTo(-23.0, within(TOLERANCE_LU));
        // At 16 kHz the cookbook shelf drifts: about 0.12 LU below the standard on tones from 100 Hz to 6 kHz.
        for (double hz : new double[]{100, 1000, 6000}) {
            PcmAudio tone = PcmAudio.mono(TestMedia.sine(hz, 0.1, 5, 16000), 16000);
            double difference = Loudness.integrated(tone) - Loudness.integrated(tone, KWeighting.Design.PYLOUDNORM);
            assertThat(difference).as("%s Hz", hz).isBetween(0.08, 0.16);
        }
    }

    @Test
    void pyloudnormCountsAPartialLastBlock() {
        // 1.07 s: the standard fits 7 whole blocks; pyloudnorm counts round(6.7) + 1 = 8, the last one 0.37 s long
        // and divided by 0.4 s, so a tone that is loud only at the very end reads differently.
        float[] s = TestMedia.concat(new float[16000], TestMedia.sine(1000, 0.5, 0.07, 16000));
        PcmAudio a = PcmAudio.mono(s, 16000);
        assertThat(Loudness.integrated(a)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Loudness.integrated(a, KWeighting.Design.PYLOUDNORM)).isGreaterThan(-30);
    }

    @Test
    void infiniteTalkNormalisationUsesPyloudnorm() {
        float[] quiet = TestMedia.sine(440, 0.02, 3, 16000);
        DecodedAudio audio = new DecodedAudio(quiet, 16000, 0, 3, 16000, 1, "pcm_f32le");
        Loudness.Normalized n = Loudness.normalize(audio);
        assertThat(Loudness.integrated(PcmAudio.mono(n.samples(), 16000), KWeighting.Design.PYLOUDNORM))
                .isCloseTo(-23.0, within(0.01));
        assertThat(Loudness.integrated(n.samples(), 16000)).isCloseTo(-22.88, within(0.05));
    }

    @Test
    void silenceIsLeftAlone() {
        float[] silence = new float[16000 * 2];
        Loudness.Normalized n = Loudness.normalize(silence, 16000, Loudness.TARGET_LUFS, KWeighting.Design.PYLOUDNORM);
        assertThat(n.measuredLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(n.applied()).isFalse();
        assertThat(n.samples()).containsOnly(0f);
    }

    @Test
    void shorterThanOneBlockMeasuresMinusInfinity() {
        assertThat(Loudness.integrated(TestMedia.sine(1000, 0.5, 0.3, 16000), 16000)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
