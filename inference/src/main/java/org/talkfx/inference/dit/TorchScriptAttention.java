package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import org.talkfx.inference.engine.Engines;


/**
 * Fused attention through libtorch's {@code scaled_dot_product_attention} (flash / memory-efficient kernels on GPU,
 * a blocked kernel on CPU), reached from DJL by a TorchScript module generated as text ({@link TorchScriptArchive}).
 * DJL exposes no SDPA op of its own.
 */
public final class TorchScriptAttention implements AttentionBackend, AutoCloseable {
    /** Precision of the attention kernel; inputs and result are fp32 or fp16 (DJL never holds a bf16 tensor). */
    public enum Precision {
        FLOAT32(6), FLOAT16(5), BF16(15);

        /** c10::ScalarType code, as serialized TorchScript writes dtypes. */
        final int scalarType;

        Precision(int scalarType) {
            this.scalarType = scalarType;
        }
    }

    /**
     * Which libtorch kernel runs self-attention on the GPU: whatever {@code scaled_dot_product_attention}
     * dispatches to (flash attention 2 for fp16 on Hopper), or cuDNN's fused attention called directly (libtorch
     * ranks it below flash by default). Cross-attention (short keys) and CPU always take SDPA's dispatch.
     */
    public enum Kernel {
        SDPA, CUDNN;

        /** {@code talkfx.attention.kernel=sdpa|cudnn}; SDPA by default (libtorch 2.11 already picks cuDNN on an H100). */
        public static Kernel fromSystemProperty() {
            return System.getProperty("talkfx.attention.kernel", "sdpa").equalsIgnoreCase("cudnn") ? CUDNN : SDPA;
        }
    }

    /** [B, L, H, D] in, attention on [B, H, L, D] in the kernel precision, [B, L, H, D] out in q's dtype. */
    static String methods(Precision p, Kernel kernel) {
        String fused = kernel == Kernel.CUDNN
                ? "    if ops.prim.is_cuda(q0) and torch.size(q0, 2) == torch.size(k0, 2):\n"
                + "      out = (torch._scaled_dot_product_cudnn_attention(q0, k0, v0, None, False))[0]\n"
                + "    else:\n"
                + "      out = torch.scaled_dot_product_attention(q0, k0, v0)\n"
                : "    out = torch.scaled_dot_product_attention(q0, k0, v0)\n";
        return ""
                + "  def forward(self: __torch__.Attention,\n"
                + "    q: Tensor,\n"
                + "    k: Tensor,\n"
                + "    v: Tensor) -> Tensor:\n"
                + "    q0 = torch.to(torch.transpose(q, 1, 2), " + p.scalarType + ")\n"
                + "    k0 = torch.to(torch.transpose(k, 1, 2), " + p.scalarType + ")\n"
                + "    v0 = torch.to(torch.transpose(v, 1, 2), " + p.scalarType + ")\n"
                + fused
                + "    return torch.contiguous(torch.to(torch.transpose(out, 1, 2), ops.prim.dtype(q)))\n";
    }

    private final Precision precision;
    private final Kernel kernel;
    private final NDManager manager;
    private final PtSymbolBlock module;

    public TorchScriptAttention() {
        this(Precision.FLOAT32);
    }

    public TorchScriptAttention(Precision precision) {
        this(precision, Kernel.fromSystemProperty());
    }

    public TorchScriptAttention(Precision precision, Kernel kernel) {
        this.precision = precision;
        this.kernel = kernel;
        manager = Engines.pytorch().newBaseManager();
        module = TorchScriptArchive.load(manager, "Attention", methods(precision, kernel));
    }

    @Override
    public NDArray attend(NDArray q, NDArray k, NDArray v) {
        NDList out = module.forward(new ParameterStore(q.getManager(), false), new NDList(q, k, v), false);
        NDArray result = out.singletonOrThrow();
        result.attach(q.getManager());
        return result;
    }

    @Override
    public String name() {
        return "torchscript-" + kernel.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + precision.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
