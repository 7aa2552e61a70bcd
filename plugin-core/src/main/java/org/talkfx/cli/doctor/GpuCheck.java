package org.talkfx.cli.doctor;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CUDA GPUs and their memory as DJL sees them (through the CUDA runtime, without loading an engine). */
public final class GpuCheck implements DoctorCheck {
    /** The 14B DiT in fp8/fp16 plus activations of one 81-frame window at 480p: below this, renders run out of memory. */
    static final long MIN_VRAM = 24L << 30;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String title() {
        return "GPU";
    }

    @Override
    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        int count;
        try {
            count = CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            out.add(Finding.warn("CUDA", "could not query CUDA: " + e.getMessage(),
                    "install the NVIDIA driver and CUDA runtime, or run the render service on a machine with a GPU"));
            return out;
        }
        if (count == 0) {
            out.add(Finding.warn("CUDA", "no CUDA GPU found through the CUDA runtime (libcudart); generation would run "
                            + "on the CPU (tiny test models only); the PyTorch line above shows what the engine sees",
                    "install the NVIDIA driver, or point TalkFX at a render service on a GPU machine"));
            return out;
        }
        out.add(Finding.ok("CUDA", "version " + CudaUtils.getCudaVersionString() + ", " + count + " GPU(s)"));
        for (int i = 0; i < count; i++) {
            MemoryUsage mem = CudaUtils.getGpuMemory(Device.gpu(i));
            long total = mem.getMax();
            String detail = String.format(Locale.ROOT, "compute %s, %.1f GiB total, %.1f GiB in use",
                    CudaUtils.getComputeCapability(i), total / 1073741824.0, mem.getCommitted() / 1073741824.0);
            out.add(total >= MIN_VRAM ? Finding.ok("gpu(" + i + ")", detail)
                    : Finding.warn("gpu(" + i + ")", detail + " (under 24 GiB)",
                    "the 14B model needs a GPU with at least 24 GiB; use a larger GPU or a remote render service"));
        }
        return out;
    }
}
