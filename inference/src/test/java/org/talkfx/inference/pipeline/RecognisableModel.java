package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A model double for window arithmetic. Its "VAE" keeps pixel channel 0, averaged over 8×8 cells, one latent
 * channel per covered frame (latent 0 = frame 0, latent j = frames 4j−3..4j in channels 0..3), so decode(encode(v))
 * is exact for frames that are constant per cell. Its "DiT" returns the velocity that drives Euler exactly onto a
 * target whose frame f has the value (audio feature of f)/1000, and the audio features of frame t are t, so an
 * output frame shows its own absolute frame index. It records every call for the tests to inspect.
 */
final class RecognisableModel implements GenerationModel {
    static final int STRIDE = 8;
    final List<Float> timesteps = new ArrayList<>();
    final List<Float> clipInputs = new ArrayList<>();
    final List<float[]> contextAtCall = new ArrayList<>();
    final List<Long> audioSpeakers = new ArrayList<>();
    final List<String> prompts = new ArrayList<>();
    int denoiseCalls;

    @Override
    public String id() {
        return "recognisable";
    }

    @Override
    public int latentChannels() {
        return 16;
    }

    @Override
    public int temporalStride() {
        return 4;
    }

    @Override
    public int spatialStride() {
        return STRIDE;
    }

    @Override
    public int patchSize() {
        return 2;
    }

    @Override
    public NDArray encodeText(NDManager m, String prompt) {
        prompts.add(prompt);
        return m.full(new Shape(3, 4), prompt.length());
    }

    @Override
    public NDArray encodeImage(NDManager m, NDArray image) {
        float mean = image.get(0).mean().getFloat();
        clipInputs.add(mean);
        return m.full(new Shape(1, 257, 4), mean);
    }

    @Override
    public NDArray encodeVideo(NDManager m, NDArray video) {
        Shape s = video.getShape();
        int t = (int) s.get(1);
        int h = (int) s.get(2) / STRIDE;
        int w = (int) s.get(3) / STRIDE;
        float[] px = video.get(0).toFloatArray();
        int lt = (t - 1) / 4 + 1;
        float[] out = new float[16 * lt * h * w];
        for (int j = 0; j < lt; j++) {
            for (int q = 0; q < 4; q++) {
                int frame = j == 0 ? 0 : 4 * j - 3 + q;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float sum = 0;
                        for (int dy = 0; dy < STRIDE; dy++) {
                            for (int dx = 0; dx < STRIDE; dx++) {
                                sum += px[(frame * h * STRIDE + y * STRIDE + dy) * w * STRIDE + x * STRIDE + dx];
                            }
                        }
                        out[((q * lt + j) * h + y) * w + x] = sum / (STRIDE * STRIDE);
                    }
                }
            }
        }
        return m.create(out, new Shape(16, lt, h, w));
    }

    @Override
    public NDArray decode(NDManager m, NDArray latents) {
        Shape s = latents.getShape();
        int lt = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int t = (lt - 1) * 4 + 1;
        float[] lat = latents.toFloatArray();
        int plane = h * STRIDE * w * STRIDE;
        float[] out = new float[3 * t * plane];
        for (int f = 0; f < t; f++) {
            int j = f == 0 ? 0 : (f + 3) / 4;
            int q = f == 0 ? 0 : (f - 1) % 4;
            for (int y = 0; y < h * STRIDE; y++) {
                for (int x = 0; x < w * STRIDE; x++) {
                    float v = lat[((q * lt + j) * h + y / STRIDE) * w + x / STRIDE];
                    for (int c = 0; c < 3; c++) {
                        out[(c * t + f) * plane + y * w * STRIDE + x] = v;
                    }
                }
            }
        }
        return m.create(out, new Shape(3, t, h * STRIDE, w * STRIDE));
    }

    @Override
    public NDArray audioFeatures(NDManager m, float[] audio16k, int frames) {
        return m.zeros(new Shape(frames, 2, 3));
    }

    /** Features whose frame t has the value t. */
    static NDArray indexFeatures(NDManager m, int frames) {
        return m.arange(0f, frames).reshape(frames, 1, 1).repeat(1, 2).repeat(2, 3);
    }

    @Override
    public NDArray denoise(NDManager m, DenoiseInput in) {
        denoiseCalls++;
        timesteps.add(in.t());
        audioSpeakers.add(in.audio() == null ? 0L : in.audio().getShape().get(0));
        contextAtCall.add(in.x().get(new NDIndex(":, 0:3")).toFloatArray());
        Shape s = in.x().getShape();
        int lt = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int frames = (lt - 1) * 4 + 1;
        float[] centre = in.audio() == null ? new float[frames]
                : in.audio().get(new NDIndex("0, :, 2, 0, 0")).toFloatArray();
        float[] target = new float[(int) s.size()];
        for (int c = 0; c < 16; c++) {
            for (int j = 0; j < lt; j++) {
                int frame = c >= 4 ? -1 : (j == 0 ? 0 : 4 * j - 3 + c);
                float v = frame < 0 ? 0f : centre[frame] / 1000f;
                for (int p = 0; p < h * w; p++) {
                    target[(c * lt + j) * h * w + p] = v;
                }
            }
        }
        float sigma = in.t() / 1000f;
        NDArray v = in.x().sub(m.create(target, s)).div(sigma);
        v.attach(m);
        return v;
    }

    @Override
    public void close() {
    }
}
