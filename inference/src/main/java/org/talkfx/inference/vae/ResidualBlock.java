package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;

/** RMS_norm, SiLU, causal 3x3x3 conv, RMS_norm, SiLU, causal 3x3x3 conv, plus a 1x1x1 shortcut when C changes. */
final class ResidualBlock implements VaeLayer {
    private final NDArray norm1;
    private final CausalConv3d conv1;
    private final NDArray norm2;
    private final CausalConv3d conv2;
    private final CausalConv3d shortcut;

    ResidualBlock(ParamSource p, String name, long in, long out, Slots slots) {
        norm1 = p.param(name + ".residual.0.gamma", in, 1, 1, 1);
        conv1 = CausalConv3d.cached3(p, name + ".residual.2", in, out, slots);
        norm2 = p.param(name + ".residual.3.gamma", out, 1, 1, 1);
        conv2 = CausalConv3d.cached3(p, name + ".residual.6", out, out, slots);
        shortcut = in != out ? CausalConv3d.pointwise(p, name + ".shortcut", in, out) : null;
    }

    @Override
    public NDArray forward(NDArray x, FeatureCache cache) {
        NDArray h = shortcut == null ? x : shortcut.forward(x, null);
        NDArray y = VaeOps.borrowed(x, in -> conv1.forwardCached(VaeOps.rmsNormSilu(in, norm1), cache));
        y = VaeOps.scoped(y, in -> conv2.forwardCached(VaeOps.rmsNormSilu(in, norm2), cache));
        y.addi(h);
        return y;
    }
}
