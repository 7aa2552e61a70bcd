package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import org.talkfx.inference.engine.Engines;

import java.util.Locale;

/**
 * The elementwise chains of a block as single libtorch calls, through a TorchScript module written as text
 * ({@link TorchScriptArchive}). Written with DJL's ops each chain is several full passes over a [L, dim] or
 * [L, ffn] tensor (the tanh-GELU alone is eight over 450 M elements at 480p); here each is one or two kernels.
 * The math is the official block's: LayerNorm and RMSNorm in fp32, modulation in fp32, the result in the compute
 * type the next linear takes, RoPE as a complex product in the rotation precision (fp64 on CPU for parity).
 */
final class BlockKernels implements AutoCloseable {
    private static final int INT8 = 1;
    private static final int FLOAT32 = 6;

    private final DataType compute;
    private final NDManager manager;
    private final PtSymbolBlock module;

    /**
     * @param eps        the norms' epsilon
     * @param compute    dtype of what feeds the linears and attention (fp16 on the GPU, fp32 on CPU)
     * @param rotation   precision of the RoPE product (fp32 on the GPU, fp64 on CPU as the official code)
     */
    BlockKernels(float eps, DataType compute, DataType rotation) {
        this.compute = compute;
        manager = Engines.pytorch().newBaseManager();
        module = TorchScriptArchive.load(manager, "BlockKernels", methods(eps, scalarType(compute), scalarType(rotation)));
    }

    static String methods(float eps, int compute, int rotation) {
        String e = String.format(Locale.ROOT, "%.9g", eps);
        return ""
                // x * (1 + scale) + shift after a plain LayerNorm is a LayerNorm with weight 1 + scale and bias shift:
                // one kernel in fp32, then the compute type
                + "  def modulate(self: __torch__.BlockKernels, x: Tensor, shift: Tensor, scale: Tensor) -> Tensor:\n"
                + "    n = torch.layer_norm(torch.to(x, " + FLOAT32 + "), [torch.size(x, -1)], torch.add(scale, 1), shift, "
                + e + ")\n"
                + "    return torch.to(n, " + compute + ")\n"
                // LayerNorm with affine (norm3, norm_x) in fp32, handed on in compute type
                + "  def norm(self: __torch__.BlockKernels, x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:\n"
                + "    n = torch.layer_norm(torch.to(x, " + FLOAT32 + "), [torch.size(x, -1)], weight, bias, " + e + ")\n"
                + "    return torch.to(n, " + compute + ")\n"
                // WanRMSNorm (normalise in fp32, round to x's dtype, scale by the weight in x's dtype): aten's rms_norm
                // does exactly that, fused on the GPU
                + "  def rms(self: __torch__.BlockKernels, x: Tensor, weight: Tensor) -> Tensor:\n"
                + "    return torch.rms_norm(x, [torch.size(x, -1)], torch.to(weight, ops.prim.dtype(x)), " + e + ")\n"
                // the 3-D RoPE on [B, L, dim] seen as [B, L, h, D]: adjacent pairs times e^(i angle), back to x's dtype
                + "  def rope(self: __torch__.BlockKernels, x: Tensor, h: int, cos: Tensor, sin: Tensor) -> Tensor:\n"
                + "    s = torch.size(x)\n"
                + "    d = torch.floordiv(s[2], h)\n"
                + "    pairs = torch.reshape(torch.to(x, " + rotation + "), [s[0], s[1], h, torch.floordiv(d, 2), 2])\n"
                + "    turned = torch.mul(torch.view_as_complex(pairs), torch.complex(cos, sin))\n"
                + "    return torch.to(torch.reshape(torch.view_as_real(turned), [s[0], s[1], h, d]), ops.prim.dtype(x))\n"
                + "  def rms_rope(self: __torch__.BlockKernels, x: Tensor, weight: Tensor, h: int,\n"
                + "    cos: Tensor, sin: Tensor) -> Tensor:\n"
                + "    return self.rope(self.rms(x, weight), h, cos, sin)\n"
                + "  def gelu_tanh(self: __torch__.BlockKernels, x: Tensor) -> Tensor:\n"
                + "    return torch.gelu(x, approximate=\"tanh\")\n"
                // 8-bit storage: one scale per output row maps the row's largest magnitude to 127, floored at fp16's
                // smallest normal so that the scale survives the compute type
                + "  def int8_scale(self: __torch__.BlockKernels, w: Tensor) -> Tensor:\n"
                + "    a = torch.amax(torch.abs(torch.to(w, " + FLOAT32 + ")), [1])\n"
                + "    return torch.to(torch.clamp_min(torch.div(a, 127.), 6.103515625e-05), " + compute + ")\n"
                + "  def int8_quantize(self: __torch__.BlockKernels, w: Tensor, scale: Tensor) -> Tensor:\n"
                + "    s = torch.unsqueeze(torch.to(scale, " + FLOAT32 + "), 1)\n"
                + "    q = torch.clamp(torch.round(torch.div(torch.to(w, " + FLOAT32 + "), s)), -127., 127.)\n"
                + "    return torch.to(q, " + INT8 + ")\n"
                // (x Q^T) * scale + bias equals x (Q * scale)^T + bias: the scale goes on the output instead of
                // into a second, widened copy of the weight (integers up to 127 are exact in fp16)
                + "  def linear_int8(self: __torch__.BlockKernels, x: Tensor, q: Tensor, scale: Tensor,\n"
                + "    bias: Tensor) -> Tensor:\n"
                + "    y = torch.linear(torch.to(x, " + compute + "), torch.to(q, " + compute + "), None)\n"
                + "    return torch.addcmul(bias, y, scale)\n"
                + "  def pin(self: __torch__.BlockKernels, x: Tensor) -> Tensor:\n"
                + "    return torch.pin_memory(x)\n"
                // x + y * gate in the residual stream's dtype (fp32), y in any precision
                + "  def gate_residual(self: __torch__.BlockKernels, x: Tensor, y: Tensor, gate: Tensor) -> Tensor:\n"
                + "    return torch.addcmul(x, y, gate)\n";
    }

    private static int scalarType(DataType t) {
        return switch (t) {
            case FLOAT16 -> 5;
            case FLOAT32 -> 6;
            case FLOAT64 -> 7;
            default -> throw new IllegalArgumentException("no block kernels for " + t);
        };
    }

    /** LayerNorm(x) * (1 + scale) + shift, in the compute type. */
    NDArray modulate(NDArray x, NDArray shift, NDArray scale) {
        return call("modulate", x, shift, scale);
    }

    /** LayerNorm(x) with weight and bias, in the compute type. */
    NDArray norm(NDArray x, NDArray weight, NDArray bias) {
        return call("norm", x, weight, bias);
    }

    /** WanRMSNorm over the last dimension, in x's dtype. */
    NDArray rms(NDArray x, NDArray weight) {
        return call("rms", x, weight);
    }

    /**
     * RMSNorm of x [B, L, dim] (none when weight is null), then RoPE by cos/sin [1, L, 1, D/2] (in the rotation precision), returning
     * [B, L, heads, D] in x's dtype.
     */
    NDArray rmsRope(NDArray x, NDArray weight, int heads, NDArray cos, NDArray sin) {
        return weight == null ? call("rope", x, (long) heads, cos, sin)
                : call("rms_rope", x, weight, (long) heads, cos, sin);
    }

    NDArray geluTanh(NDArray x) {
        return call("gelu_tanh", x);
    }

    /** x + y * gate, in x's dtype. */
    NDArray gateResidual(NDArray x, NDArray y, NDArray gate) {
        return call("gate_residual", x, y, gate);
    }

    /** What feeds the linears and attention. */
    DataType compute() {
        return compute;
    }

    /** Per output row of w [out, in]: the 8-bit scale, in the compute type. */
    NDArray int8Scale(NDArray w) {
        return call("int8_scale", w);
    }

    /** w / scale rounded to int8 [out, in], within +-127. */
    NDArray int8Quantize(NDArray w, NDArray scale) {
        return call("int8_quantize", w, scale);
    }

    /** x W^T + bias for a weight stored by {@link #int8Quantize}, in the compute type. */
    NDArray linearInt8(NDArray x, NDArray q, NDArray scale, NDArray bias) {
        return call("linear_int8", x, q, scale, bias);
    }

    /** A copy of host tensor x in page-locked memory (needs a CUDA device), in x's manager. */
    NDArray pin(NDArray x) {
        return call("pin", x);
    }

    /** Runs one method on tensors and ints; the result lives in the first argument's manager. */
    private NDArray call(String method, Object... args) {
        IValue[] in = new IValue[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                in[i] = args[i] instanceof Long n ? IValue.from(n) : IValue.from((PtNDArray) args[i]);
            }
            NDManager owner = ((NDArray) args[0]).getManager();
            try (IValue out = IValueUtils.runMethod(module, method, in)) {
                NDArray result = out.toTensor((PtNDManager) owner);
                result.attach(owner);
                return result;
            }
        } finally {
            for (IValue v : in) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
