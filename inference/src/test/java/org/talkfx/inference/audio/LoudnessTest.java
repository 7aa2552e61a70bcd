package org.talkfx.inference.audio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** BS.1770 calibration and the official -23 LUFS preprocessing. */
class LoudnessTest {
    private static float[] sine(double hz, double amplitude, double seconds) {
        return sine(hz, amplitude, seconds, 16000);
    }

    private static float[] sine(double hz, double amplitude, double seconds, int rate) {
        float[] a = new float[(int) (seconds * rate)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return a;
    }

    @Test
    void fullScale997HzSineReadsMinus3Lufs() {
        // BS.1770's calibration (defined at 48 kHz): a 0 dBFS 997 Hz sine in one channel measures -3.01 LKFS;
        // the cookbook-biquad design of the K filter (pyloudnorm's) reads about 0.04 dB lower
        assertThat(Loudness.integrated(sine(997, 1, 3, 48000), 48000)).isCloseTo(-3.01, within(0.05));
        assertThat(Loudness.integrated(sine(997, 0.1, 3, 48000), 48000)).isCloseTo(-23.01, within(0.05));
        // at 16 kHz the filters, designed for that rate, are warped near 1.5 kHz: a little under 0.1 dB off
        assertThat(Loudness.integrated(sine(997, 1, 3), 16000)).isCloseTo(-3.01, within(0.1));
    }

    @Test
    void normalisesSpeechLikeSignalsToMinus23() {
        float[] a = sine(180, 0.02, 4);
        float[] b = sine(2500, 0.01, 4);
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i] * (float) Math.abs(Math.sin(2 * Math.PI * 3 * i / 16000.0));
        }
        assertThat(Loudness.integrated(a, 16000)).isLessThan(-35);
        assertThat(Loudness.integrated(Loudness.normalize(a, 16000), 16000)).isCloseTo(-23, within(0.01));
    }

    @Test
    void leavesSilenceAndTooShortAudioAlone() {
        float[] silence = new float[32000];
        assertThat(Loudness.normalize(silence, 16000)).containsExactly(silence);
        float[] blip = sine(440, 0.5, 0.2);
        assertThat(Loudness.normalize(blip, 16000)).containsExactly(blip);
    }
}
