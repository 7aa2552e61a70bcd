package org.talkfx.service;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small real media for the service tests: binary PPM images and 16-bit PCM WAV files. */
final class TestMedia {
    static final int SAMPLE_RATE = 8000;

    private TestMedia() {
    }

    /** A width x height gradient image. */
    static Path ppm(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("P6\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.write(x * 255 / Math.max(1, width - 1));
                out.write(y * 255 / Math.max(1, height - 1));
                out.write(64);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.toByteArray());
        return file;
    }

    /** A tone of {@code seconds} at {@code amplitude} (0..1) that is silent during its second quarter. */
    static Path wav(Path file, double seconds, double amplitude, double hz) throws IOException {
        int n = (int) Math.round(seconds * SAMPLE_RATE);
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            boolean silent = i >= n / 4 && i < n / 2;
            short v = silent ? 0 : (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat fmt = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), fmt, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
