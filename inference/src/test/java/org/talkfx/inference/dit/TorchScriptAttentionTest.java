package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written TorchScript SDPA module against the chunked DJL attention, and inside the whole DiT. */
class TorchScriptAttentionTest {
    @Test
    void fusedAttentionMatchesChunkedAttention() {
        try (TorchScriptAttention fused = new TorchScriptAttention();
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(2, 37, 3, 16));
            NDArray k = m.randomNormal(new Shape(2, 11, 3, 16));
            NDArray v = m.randomNormal(new Shape(2, 11, 3, 16));
            NDArray expected = AttentionBackend.chunked(2 * 3 * 11 * 4 * 5).attend(q, k, v); // chunks of 5 queries
            NDArray got = fused.attend(q, k, v);
            assertThat(got.getShape()).isEqualTo(q.getShape());
            assertThat(got.getManager()).isSameAs(m);
            float[] a = got.toFloatArray();
            float[] b = expected.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(Math.abs(a[i] - b[i])).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void bf16ComputeStaysCloseAndReturnsFloat32() {
        try (TorchScriptAttention fused = new TorchScriptAttention(TorchScriptAttention.Precision.BF16);
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(1, 20, 2, 32));
            NDArray k = m.randomNormal(new Shape(1, 9, 2, 32));
            NDArray v = m.randomNormal(new Shape(1, 9, 2, 32));
            NDArray got = fused.attend(q, k, v);
            assertThat(got.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
            float[] a = got.toFloatArray();
            float[] b = AttentionBackend.defaultBackend().attend(q, k, v).toFloatArray();
            double maxDiff = 0;
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
            assertThat(maxDiff).isLessThan(0.05).isGreaterThan(0); // bf16 keeps 8 bits of mantissa
        }
    }

    @Test
    void cudnnKernelCompilesAndFallsBackToSdpaOffTheGpu() {
        try (TorchScriptAttention cudnn = new TorchScriptAttention(TorchScriptAttention.Precision.FLOAT32,
                TorchScriptAttention.Kernel.CUDNN);
             NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(1, 12, 2, 16));
            float[] a = cudnn.attend(q, q, q).toFloatArray();
            float[] b = AttentionBackend.defaultBackend().attend(q, q, q).toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(Math.abs(a[i] - b[i])).isLessThan(1e-5f);
            }
            assertThat(cudnn.name()).isEqualTo("torchscript-cudnn-float32");
        }
    }

    @Test
    void ditWithFusedAttentionMatchesTheFixture() {
        try (SafetensorsFile f = SafetensorsFile.open(SharedFixtures.parity("dit_1spk"));
             TorchScriptAttention fused = new TorchScriptAttention();
             NDManager m = Engines.pytorch().newBaseManager()) {
            Weights w = Weights.of(f).prefixed("weight.");
            try (InfiniteTalkDit dit = new InfiniteTalkDit(w, DitConfig.detect(w).withTextLen(16), fused)) {
                DitInput in = new DitInput(f.load(m, "input.x"), f.floats("input.t")[0], f.load(m, "input.context"),
                        f.load(m, "input.clip_fea"), f.load(m, "input.y"), f.load(m, "input.audio"),
                        f.load(m, "input.ref_target_masks"));
                DitParityTest.assertClose("output (torchscript sdpa)", dit.forward(m, in).toFloatArray(),
                        f.floats("expected.output"));
            }
        }
    }
}
