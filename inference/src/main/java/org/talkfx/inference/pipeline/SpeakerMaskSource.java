package org.talkfx.inference.pipeline;

/**
 * The L-RoPE speaker masks of a window at the latent grid: [count, h, w] (speakers then background; three all-ones
 * masks for one speaker, as the official code passes), for the window whose reference frame is {@code frame}.
 */
public interface SpeakerMaskSource {
    int count();

    float[] at(int frame, int latentHeight, int latentWidth);

    /** One speaker: three all-ones masks. */
    static SpeakerMaskSource single() {
        return new SpeakerMaskSource() {
            @Override
            public int count() {
                return 3;
            }

            @Override
            public float[] at(int frame, int h, int w) {
                float[] m = new float[3 * h * w];
                java.util.Arrays.fill(m, 1f);
                return m;
            }
        };
    }
}
