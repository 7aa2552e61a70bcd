package org.talkfx.media;

/** Planar float samples in [-1, 1], one array per channel, all of the same length. */
public record PcmAudio(float[][] channels, int sampleRate) {
    public PcmAudio {
        if (channels.length == 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("need at least one channel and a positive rate");
        }
        for (float[] c : channels) {
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
    }

    public static PcmAudio mono(float[] samples, int sampleRate) {
        return new PcmAudio(new float[][]{samples}, sampleRate);
    }

    public int channelCount() {
        return channels.length;
    }

    public int frames() {
        return channels[0].length;
    }

    public double durationSeconds() {
        return frames() / (double) sampleRate;
    }

    /** The average of the channels (what librosa's mono=True does). */
    public float[] mixToMono() {
        if (channels.length == 1) {
            return channels[0].clone();
        }
        float[] out = new float[frames()];
        for (float[] c : channels) {
            for (int i = 0; i < out.length; i++) {
                out[i] += c[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }
}
