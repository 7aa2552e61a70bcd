package org.talkfx.media;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AudioDecoderTest {
    private static final double AMPLITUDE = 0.5;

    @TempDir
    static Path dir;
    /** 2 s of 440 Hz stereo at 44.1 kHz, then 2 s of 880 Hz. */
    static Path wav;

    @BeforeAll
    static void makeSource() throws Exception {
        float[] ch = TestMedia.concat(TestMedia.sine(440, AMPLITUDE, 2, 44100), TestMedia.sine(880, AMPLITUDE, 2, 44100));
        wav = TestMedia.writeWav16(dir.resolve("tone.wav"), new PcmAudio(new float[][]{ch, ch.clone()}, 44100));
    }

    private static void assertTone(float[] s, int rate, double hz, double seconds) {
        assertThat(s.length / (double) rate).isCloseTo(seconds, within(0.03));
        assertThat(TestMedia.zeroCrossingHz(s, rate)).isCloseTo(hz, within(hz * 0.01));
        int margin = rate / 10;
        assertThat(TestMedia.rms(s, margin, s.length - margin)).isCloseTo(AMPLITUDE / Math.sqrt(2), within(0.02));
    }

    @Test
    void wavStereo44kBecomesSixteenKilohertzMono() {
        DecodedAudio a = AudioDecoder.decode(wav);
        assertThat(a.sampleRate()).isEqualTo(16000);
        assertThat(a.samples()).hasSize(64000);
        assertThat(a.sourceSampleRate()).isEqualTo(44100);
        assertThat(a.sourceChannels()).isEqualTo(2);
        assertThat(a.sourceDurationSeconds()).isCloseTo(4.0, within(1e-3));
        float[] first = java.util.Arrays.copyOf(a.samples(), 32000);
        assertTone(first, 16000, 440, 2.0);
    }

    @Test
    void offsetAndDurationCutTheRightPart() {
        DecodedAudio a = AudioDecoder.decode(wav, AudioRequest.range(2.25, 1.5));
        assertThat(a.samples()).hasSize(24000);
        assertThat(a.offsetSeconds()).isEqualTo(2.25);
        assertTone(a.samples(), 16000, 880, 1.5);
    }

    @Test
    void offsetNearTheStartKeepsSampleAccuracy() {
        DecodedAudio whole = AudioDecoder.decode(wav);
        DecodedAudio part = AudioDecoder.decode(wav, AudioRequest.range(0.5, 0.25));
        assertThat(part.samples()).hasSize(4000);
        for (int i = 0; i < part.samples().length; i++) {
            assertThat(part.samples()[i]).isCloseTo(whole.samples()[8000 + i], within(1e-5f));
        }
    }

    @Test
    void resamplingFiltersInsteadOfDecimating() throws Exception {
        // 10 kHz is above the 8 kHz Nyquist limit of 16 kHz: a real resampler removes it, decimation would alias it.
        Path high = TestMedia.writeWav16(dir.resolve("high.wav"), PcmAudio.mono(TestMedia.sine(10_000, 0.5, 1, 48000), 48000));
        float[] s = AudioDecoder.decode(high).samples();
        assertThat(TestMedia.rms(s, 1600, s.length - 1600)).isLessThan(0.005);
        // 7 kHz passes.
        Path pass = TestMedia.writeWav16(dir.resolve("pass.wav"), PcmAudio.mono(TestMedia.sine(7_000, 0.5, 1, 48000), 48000));
        float[] p = AudioDecoder.decode(pass).samples();
        assertThat(TestMedia.rms(p, 1600, p.length - 1600)).isCloseTo(0.5 / Math.sqrt(2), within(0.03));
    }

    @Test
    void anyChannelCountIsAveragedToMonoLikeLibrosa() throws Exception {
        float[] tone = TestMedia.sine(440, 0.6, 1, 22050);
        float[] silence = new float[tone.length];
        Path three = TestMedia.writeWav16(dir.resolve("three.wav"), new PcmAudio(new float[][]{tone, silence, silence}, 22050));
        DecodedAudio a = AudioDecoder.decode(three);
        assertThat(a.sourceChannels()).isEqualTo(3);
        assertThat(a.samples()).hasSize(16000);
        assertThat(TestMedia.rms(a.samples(), 1600, 14400)).isCloseTo(0.2 / Math.sqrt(2), within(0.005));
        assertThat(TestMedia.zeroCrossingHz(a.samples(), 16000)).isCloseTo(440, within(4.0));
    }

    @Test
    void keepsChannelsAndSourceRateWhenAsked() {
        PcmAudio pcm = AudioDecoder.decodePcm(wav, AudioRequest.whole().withSampleRate(0));
        assertThat(pcm.channelCount()).isEqualTo(2);
        assertThat(pcm.sampleRate()).isEqualTo(44100);
        assertThat(pcm.frames()).isEqualTo(176400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flac", "ogg"})
    void formatsMadeBySox(String ext) {
        Path out = dir.resolve("sox." + ext);
        TestMedia.run("sox", wav.toString(), out.toString());
        assertTone(AudioDecoder.decode(out, AudioRequest.range(0, 2)).samples(), 16000, 440, 2.0);
        assertThat(AudioDecoder.decode(out).durationSeconds()).isCloseTo(4.0, within(0.03));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp3", "m4a", "opus", "mkv", "flac", "wav"})
    void formatsMadeByOurEncoder(String ext) {
        Path out = dir.resolve("ours." + ext);
        AudioFileWriter.write(out, AudioDecoder.decodePcm(wav, AudioRequest.whole().withSampleRate(0)));
        DecodedAudio a = AudioDecoder.decode(out);
        assertThat(a.durationSeconds()).isCloseTo(4.0, within(0.03));
        assertTone(java.util.Arrays.copyOf(a.samples(), 32000), 16000, 440, 2.0);
        assertTone(AudioDecoder.decode(out, AudioRequest.range(2.5, 1)).samples(), 16000, 880, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v.mp4", "v.mov"})
    void audioTrackOfAVideo(String name) {
        PcmAudio tone = new PcmAudio(new float[][]{TestMedia.sine(440, AMPLITUDE, 2, 48000), TestMedia.sine(440, AMPLITUDE, 2, 48000)}, 48000);
        OutputFormat format = OutputFormat.forFileName(name);
        Path out = TestMedia.writeVideo(dir.resolve(name), EncodeSettings.of(format, 64, 48, 25).withAudio(tone), 50);
        DecodedAudio a = AudioDecoder.decode(out);
        assertThat(a.sourceChannels()).isEqualTo(2);
        assertTone(a.samples(), 16000, 440, 2.0);
    }

    @Test
    void espeakSpeechDecodesAndNormalises() {
        Path speech = dir.resolve("speech.wav");
        TestMedia.run("espeak-ng", "-w", speech.toString(), "The quick brown fox jumps over the lazy dog.");
        DecodedAudio a = AudioDecoder.decode(speech);
        assertThat(a.sourceSampleRate()).isEqualTo(22050);
        assertThat(a.durationSeconds()).isCloseTo(a.sourceDurationSeconds(), within(0.01)).isGreaterThan(1.0);
        Loudness.Normalized n = Loudness.normalize(a);
        assertThat(n.applied()).isTrue();
        assertThat(Loudness.integrated(PcmAudio.mono(n.samples(), 16000), KWeighting.Design.PYLOUDNORM))
                .isCloseTo(-23.0, within(0.01));
        assertThat(Loudness.integrated(n.samples(), 16000)).isCloseTo(-23.0, within(0.2));
    }
}
