package org.talkfx.inference.face;

/** One-dimensional resampling weights: area (box) averaging when shrinking, linear interpolation when growing. */
final class Resampler {
    private Resampler() {
    }

    /** Taps of output {@code o} are {@code index(t), weight(t)} for {@code t} in {@code [start(o), start(o+1))}. */
    record Taps(int[] starts, int[] indices, float[] weights) {
        int start(int output) {
            return starts[output];
        }

        int index(int tap) {
            return indices[tap];
        }

        float weight(int tap) {
            return weights[tap];
        }
    }

    static Taps taps(int inputLength, int outputLength) {
        double ratio = (double) inputLength / outputLength;
        int maxTaps = (int) Math.ceil(ratio) + 2;
        int[] starts = new int[outputLength + 1];
        int[] indices = new int[outputLength * Math.max(2, maxTaps)];
        float[] weights = new float[indices.length];
        int n = 0;
        for (int o = 0; o < outputLength; o++) {
            starts[o] = n;
            if (ratio > 1) {
                double from = o * ratio;
                double to = (o + 1) * ratio;
                for (int i = (int) Math.floor(from); i < Math.min(inputLength, (int) Math.ceil(to)); i++) {
                    double cover = Math.min(to, i + 1) - Math.max(from, i);
                    if (cover > 0) {
                        indices[n] = i;
                        weights[n++] = (float) (cover / ratio);
                    }
                }
            } else {
                double at = Math.max(0, Math.min(inputLength - 1, (o + 0.5) * ratio - 0.5));
                int i0 = (int) Math.floor(at);
                int i1 = Math.min(inputLength - 1, i0 + 1);
                float f = (float) (at - i0);
                indices[n] = i0;
                weights[n++] = 1 - f;
                indices[n] = i1;
                weights[n++] = f;
            }
        }
        starts[outputLength] = n;
        return new Taps(starts, indices, weights);
    }
}
