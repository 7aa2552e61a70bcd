package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/** The official Decoder3d: causal stem, middle (res, attention, res), residual stages with up-resampling, head. */
final class Decoder3d {
    private final Slots slots = new Slots();
    private final CausalConv3d conv1;
    private final List<VaeLayer> layers = new ArrayList<>();
    private final NDArray headNorm;
    private final CausalConv3d head;

    Decoder3d(ParamSource p, WanVaeConfig c) {
        int stages = c.dimMult().size();
        int[] dims = new int[stages + 1];
        dims[0] = c.dim() * c.dimMult().get(stages - 1);
        for (int i = 0; i < stages; i++) {
            dims[i + 1] = c.dim() * c.dimMult().get(stages - 1 - i);
        }
        conv1 = CausalConv3d.cached3(p, "decoder.conv1", c.zDim(), dims[0], slots);
        layers.add(new ResidualBlock(p, "decoder.middle.0", dims[0], dims[0], slots));
        layers.add(new AttentionBlock(p, "decoder.middle.1", dims[0]));
        layers.add(new ResidualBlock(p, "decoder.middle.2", dims[0], dims[0], slots));
        int index = 0;
        for (int i = 0; i < stages; i++) {
            // after an upsampling stage the resample conv has halved the channels
            long in = i == 0 ? dims[0] : dims[i] / 2;
            long out = dims[i + 1];
            for (int r = 0; r < c.numResBlocks() + 1; r++) {
                layers.add(new ResidualBlock(p, "decoder.upsamples." + index++, in, out, slots));
                in = out;
            }
            if (i != stages - 1) {
                boolean temporal = c.temporalDownsample().get(stages - 2 - i);
                Resample.Mode mode = temporal ? Resample.Mode.UPSAMPLE3D : Resample.Mode.UPSAMPLE2D;
                layers.add(new Resample(p, "decoder.upsamples." + index++, out, mode, slots));
            }
        }
        long last = dims[stages];
        headNorm = p.param("decoder.head.0.gamma", last, 1, 1, 1);
        head = CausalConv3d.cached3(p, "decoder.head.2", last, 3, slots);
    }

    int slotCount() {
        return slots.count();
    }

    /** One latent frame [1, z, 1, h, w] to video frames [1, 3, t, 8h, 8w]; consumes {@code x}. */
    NDArray forward(NDArray x, FeatureCache cache) {
        x = VaeOps.scoped(x, in -> conv1.forwardCached(in, cache));
        for (VaeLayer layer : layers) {
            x = VaeOps.scoped(x, in -> layer.forward(in, cache));
        }
        return VaeOps.scoped(x, in -> head.forwardCached(VaeOps.rmsNormSilu(in, headNorm), cache));
    }
}
