package org.talkfx.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Generated test media: tones, WAV files written byte by byte, synthetic frames, and external tools. */
final class TestMedia {
    private TestMedia() {
    }

    /** A sine of {@code hz} at peak amplitude {@code amplitude}, {@code seconds} long. */
    static float[] sine(double hz, double amplitude, double seconds, int rate) {
        int n = (int) Math.round(seconds * rate);
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static double dbToAmplitude(double db) {
        return Math.pow(10, db / 20);
    }

    /** 16-bit PCM WAV, written by hand so that the test input does not depend on our own encoder. */
    static Path writeWav16(Path file, PcmAudio audio) throws IOException {
        int ch = audio.channelCount();
        int frames = audio.frames();
        int dataBytes = frames * ch * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) ch).putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * ch * 2).putShort((short) (ch * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < ch; c++) {
                float v = Math.max(-1f, Math.min(1f, audio.channels()[c][i]));
                b.putShort((short) Math.round(v * 32767));
            }
        }
        Files.write(file, b.array());
        return file;
    }

    /** Frequency estimated from zero crossings (rising and falling). */
    static double zeroCrossingHz(float[] s, int rate) {
        int crossings = 0;
        int first = -1, last = -1;
        for (int i = 1; i < s.length; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                if (first < 0) {
                    first = i;
                }
                last = i;
                crossings++;
            }
        }
        return (crossings - 1) / 2.0 / ((last - first) / (double) rate);
    }

    static double rms(float[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += s[i] * (double) s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /**
     * A synthetic frame: colour bars on the top half, a smooth horizontal gradient that moves with {@code index} below, and
     * a 16x16 patch in the top-left corner whose grey level encodes the index (readable after lossy coding).
     */
    static byte[] frame(int w, int h, int index) {
        int[] bars = {0xffffff, 0xffff00, 0x00ffff, 0x00ff00, 0xff00ff, 0xff0000, 0x0000ff, 0x000000};
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c;
                if (x < 16 && y < 16) {
                    int g = patchLevel(index);
                    c = g << 16 | g << 8 | g;
                } else if (y < h / 2) {
                    c = bars[x * bars.length / w];
                } else {
                    int g = Math.abs((x * 255 / w + index * 7) % 510 - 255); // a triangle wave: moves without a sharp wrap
                    c = g << 16 | (255 - g) << 8 | (y * 255 / h);
                }
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (c >> 16);
                rgb[i + 1] = (byte) (c >> 8);
                rgb[i + 2] = (byte) c;
            }
        }
        return rgb;
    }

    static int patchLevel(int index) {
        return 8 + (index % 24) * 10;
    }

    /** The index encoded by {@link #frame} (modulo 24), read back from the patch's centre. */
    static int readIndex(VideoFrame f) {
        double sum = 0;
        for (int y = 4; y < 12; y++) {
            for (int x = 4; x < 12; x++) {
                sum += f.rgbAt(x, y) >> 8 & 0xff;
            }
        }
        return (int) Math.round((sum / 64 - 8) / 10);
    }

    /** Writes {@code n} synthetic frames. */
    static Path writeVideo(Path file, EncodeSettings settings, int n) {
        try (VideoEncoder enc = VideoEncoder.open(file, settings, EncodeProgress.NONE)) {
            for (int i = 0; i < n; i++) {
                enc.write(frame(settings.width(), settings.height(), i));
            }
            enc.finish();
        }
        return file;
    }

    /** Runs an external tool; fails the test with a clear message when it is missing or fails. */
    static void run(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is needed by this test but could not be run (" + e.getMessage()
                    + "); install it with scripts/install-test-deps", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
