package org.talkfx.ofx.bridge;

import org.talkfx.inference.pipeline.TinyModel;
import org.talkfx.media.EncodeProgress;
import org.talkfx.media.EncodeSettings;
import org.talkfx.media.OutputFormat;
import org.talkfx.media.VideoEncoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The inputs of the test host's talkfx scenario: a 64x64 clip, 0.8 s of speech-like audio, the tiny model. */
final class TalkFxMedia {
    private static final int SIZE = 64;

    private TalkFxMedia() {
    }

    static void write(Path work) throws IOException {
        TinyModel.write(work.resolve("models/tiny"), 7);
        try (VideoEncoder enc = VideoEncoder.open(work.resolve("clip.mp4"),
                EncodeSettings.of(OutputFormat.H264_MP4, SIZE, SIZE, 25), EncodeProgress.NONE)) {
            for (int i = 0; i < 30; i++) {
                byte[] rgb = new byte[SIZE * SIZE * 3];
                for (int p = 0; p < SIZE * SIZE; p++) {
                    int x = p % SIZE;
                    int y = p / SIZE;
                    boolean face = (x - 32) * (x - 32) + (y - 30) * (y - 30) < 150;
                    rgb[3 * p] = (byte) (face ? 220 : x * 3);
                    rgb[3 * p + 1] = (byte) (face ? 170 : y * 3);
                    rgb[3 * p + 2] = (byte) (face ? 140 : 90 + i * 2);
                }
                enc.write(rgb);
            }
            enc.finish();
        }
        int rate = 16000;
        int n = (int) (0.8 * rate);
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            wav.putShort((short) Math.round(12000 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t))
                    * Math.sin(2 * Math.PI * 220 * t)));
        }
        Files.write(work.resolve("anna.wav"), wav.array());
    }
}
