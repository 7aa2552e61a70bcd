package org.talkfx.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void smoke() throws Exception {
        Path wav = TestMedia.writeWav16(dir.resolve("t.wav"), new PcmAudio(new float[][]{
                TestMedia.sine(440, 0.5, 2, 44100), TestMedia.sine(440, 0.5, 2, 44100)}, 44100));
        DecodedAudio a = AudioDecoder.decode(wav);
        System.out.println(a.samples().length + " " + TestMedia.zeroCrossingHz(a.samples(), 16000) + " " + a);
        for (OutputFormat f : OutputFormat.values()) {
            Path out = dir.resolve(f == OutputFormat.PNG_SEQUENCE ? "seq" : "v." + f.muxer);
            TestMedia.writeVideo(out, EncodeSettings.of(f, 64, 48, 25).withAudio(PcmAudio.mono(a.samples(), 16000)), 7);
            if (f != OutputFormat.PNG_SEQUENCE) {
                System.out.println(MediaProbe.probe(out));
                System.out.println(VideoDecoder.forEach(out, VideoRequest.sourceFrames(), fr -> System.out.println(fr.ptsSeconds() + " " + TestMedia.readIndex(fr))));
                System.out.println(AudioDecoder.decode(out).samples().length);
            }
        }
        for (String ext : new String[]{"mp3", "m4a", "opus", "ogg", "flac", "mkv"}) {
            Path p = dir.resolve("a." + ext);
            AudioFileWriter.write(p, AudioDecoder.decodePcm(wav, AudioRequest.whole().withSampleRate(0)));
            DecodedAudio d = AudioDecoder.decode(p);
            System.out.println(ext + " " + d.samples().length + " " + TestMedia.zeroCrossingHz(d.samples(), 16000) + " " + d.sourceCodec());
        }
    }
}
