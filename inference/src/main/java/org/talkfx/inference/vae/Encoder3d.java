package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/** The official Encoder3d: causal stem, residual stages with down-resampling, middle (res, attention, res), head. */
final class Encoder3d {
    private final Slots slots = new Slots();
    private final CausalConv3d conv1;
    private final List<VaeLayer> layers = new ArrayList<>();
    private final NDArray headNorm;
    private final CausalConv3d head;

    Encoder3d(ParamSource p, WanVaeConfig c) {
        int[] dims = new int[c.dimMult().size() + 1];
        dims[0] = c.dim();
        for (int i = 0; i < c.dimMult().size(); i++) {
            dims[i + 1] = c.dim() * c.dimMult().get(i);
        }
        conv1 = CausalConv3d.cached3(p, "encoder.conv1", 3, dims[0], slots);
        int index = 0;
        for (int i = 0; i < c.dimMult().size(); i++) {
            long in = dims[i];
            long out = dims[i + 1];
            for (int r = 0; r < c.numResBlocks(); r++) {
                layers.add(new ResidualBlock(p, "encoder.downsamples." + index++, in, out, slots));
                in = out;
            }
            if (i != c.dimMult().size() - 1) {
                Resample.Mode mode = c.temporalDownsample().get(i)
                        ? Resample.Mode.DOWNSAMPLE3D : Resample.Mode.DOWNSAMPLE2D;
                layers.add(new Resample(p, "encoder.downsamples." + index++, out, mode, slots));
            }
        }
        long top = dims[dims.length - 1];
        layers.add(new ResidualBlock(p, "encoder.middle.0", top, top, slots));
        layers.add(new AttentionBlock(p, "encoder.middle.1", top));
        layers.add(new ResidualBlock(p, "encoder.middle.2", top, top, slots));
        headNorm = p.param("encoder.head.0.gamma", top, 1, 1, 1);
        head = CausalConv3d.cached3(p, "encoder.head.2", top, 2L * c.zDim(), slots);
    }

    int slotCount() {
        return slots.count();
    }

    /** One chunk [1, 3, t, H, W] to [1, 2z, t', H/8, W/8]; consumes {@code x}. */
    NDArray forward(NDArray x, FeatureCache cache) {
        x = VaeOps.scoped(x, in -> conv1.forwardCached(in, cache));
        for (VaeLayer layer : layers) {
            x = VaeOps.scoped(x, in -> layer.forward(in, cache));
        }
        return VaeOps.scoped(x, in -> head.forwardCached(VaeOps.rmsNormSilu(in, headNorm), cache));
    }
}
