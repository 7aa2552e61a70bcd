package org.talkfx.inference.audio;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.Weights;

import java.util.Arrays;

/**
 * Hyperparameters of a post-LN wav2vec2 (the chinese-wav2vec2-base family) as InfiniteTalk runs it.
 * Conv strides are not visible in the weights; every wav2vec2 base/large checkpoint uses [5,2,2,2,2,2,2].
 */
public record Wav2Vec2Config(int[] convDims, int[] convKernels, int[] convStrides, int hidden, int layers, int heads,
                             int ffn, int posConvKernel, int posConvGroups, float eps) {
    public static final int[] STANDARD_STRIDES = {5, 2, 2, 2, 2, 2, 2};
    public static final int[] STANDARD_KERNELS = {10, 3, 3, 3, 3, 2, 2};

    public Wav2Vec2Config {
        if (convDims.length != convKernels.length || convDims.length != convStrides.length || convDims.length == 0) {
            throw new IllegalArgumentException("conv dims/kernels/strides must have the same non-zero length");
        }
        if (hidden % heads != 0 || hidden % posConvGroups != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " not divisible by heads " + heads
                    + " or positional conv groups " + posConvGroups);
        }
        convDims = convDims.clone();
        convKernels = convKernels.clone();
        convStrides = convStrides.clone();
    }

    /** TencentGameMate/chinese-wav2vec2-base: 7 convs of 512, 12 layers of 768, 12 heads, FFN 3072. */
    public static Wav2Vec2Config base() {
        return new Wav2Vec2Config(filled(512), STANDARD_KERNELS, STANDARD_STRIDES, 768, 12, 12, 3072, 128, 16, 1e-5f);
    }

    /** The parity fixture's configuration (conv 32, hidden 32, 2 layers, 4 heads, FFN 64, pos conv 16 / 4 groups). */
    public static Wav2Vec2Config tiny() {
        return new Wav2Vec2Config(filled(32), STANDARD_KERNELS, STANDARD_STRIDES, 32, 2, 4, 64, 16, 4, 1e-5f);
    }

    /**
     * Reads the configuration from tensor shapes (official key names, prefix already removed). Heads are not
     * visible in the weights: head width 64 as in every released wav2vec2 (768 / 12), or 8 for tiny test models.
     */
    public static Wav2Vec2Config fromWeights(Weights w) {
        int convs = 0;
        while (w.contains("feature_extractor.conv_layers." + convs + ".conv.weight")) {
            convs++;
        }
        if (convs == 0 || !w.contains("feature_projection.projection.weight")) {
            throw new BadInputException(w.source(), "is not a wav2vec2 checkpoint (no feature_extractor.conv_layers.0"
                    + ".conv.weight / feature_projection.projection.weight)");
        }
        int[] dims = new int[convs];
        int[] kernels = new int[convs];
        int[] strides = new int[convs];
        for (int i = 0; i < convs; i++) {
            long[] s = w.shape("feature_extractor.conv_layers." + i + ".conv.weight");
            dims[i] = (int) s[0];
            kernels[i] = (int) s[2];
            strides[i] = convs == STANDARD_STRIDES.length ? STANDARD_STRIDES[i] : (i == 0 ? 5 : 2);
        }
        if (w.contains("feature_extractor.conv_layers.1.layer_norm.weight")) {
            throw new BadInputException(w.source(), "wav2vec2 with layer norm in every conv layer "
                    + "(feat_extract_norm=layer, the 'large' variants) is not the chinese-wav2vec2-base architecture");
        }
        int hidden = (int) w.shape("feature_projection.projection.weight")[0];
        int layers = 0;
        while (w.contains("encoder.layers." + layers + ".attention.q_proj.weight")) {
            layers++;
        }
        int ffn = (int) w.shape("encoder.layers.0.feed_forward.intermediate_dense.weight")[0];
        long[] pos = Wav2Vec2.posConvShape(w);
        int groups = (int) (hidden / pos[1]);
        int heads = hidden >= 64 ? hidden / 64 : Math.max(1, hidden / 8);
        return new Wav2Vec2Config(dims, kernels, strides, hidden, layers, heads, ffn, (int) pos[2], groups, 1e-5f);
    }

    /** Number of 50 Hz conv frames for {@code samples} input samples. */
    public int convFrames(int samples) {
        long len = samples;
        for (int i = 0; i < convKernels.length; i++) {
            len = len < convKernels[i] ? 0 : (len - convKernels[i]) / convStrides[i] + 1;
        }
        return (int) len;
    }

    private static int[] filled(int v) {
        int[] a = new int[7];
        Arrays.fill(a, v);
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wav2Vec2Config c && Arrays.equals(c.convDims, convDims)
                && Arrays.equals(c.convKernels, convKernels) && Arrays.equals(c.convStrides, convStrides)
                && c.hidden == hidden && c.layers == layers && c.heads == heads && c.ffn == ffn
                && c.posConvKernel == posConvKernel && c.posConvGroups == posConvGroups && c.eps == eps;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(convDims) * 31 + hidden * 7 + layers;
    }

    @Override
    public String toString() {
        return "Wav2Vec2Config[conv=" + Arrays.toString(convDims) + " k=" + Arrays.toString(convKernels) + " s="
                + Arrays.toString(convStrides) + ", hidden=" + hidden + ", layers=" + layers + ", heads=" + heads
                + ", ffn=" + ffn + ", posConv=" + posConvKernel + "/" + posConvGroups + "]";
    }
}
