package org.talkfx.inference.perf;

import ai.djl.Device;
import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;

/** Prints the memory plan for 480p and 720p windows on 80, 48 and 24 GB cards (computed, not measured). */
public final class MemoryPlanBenchmark implements Benchmark {
    private static final long GIB = 1L << 30;

    @Override
    public String name() {
        return "perf.memoryplan";
    }

    @Override
    public String description() {
        return "weights, activations, VAE and peak memory of a 14B window; blocks to offload on 80/48/24 GB cards";
    }

    @Override
    public void run(BenchContext ctx) {
        for (int bytes : new int[]{2, 1}) {
            String dtype = bytes == 2 ? "fp16" : "int8";
            for (MemoryPlan p : MemoryPlan.standard(bytes)) {
                String k = p.resolution().replace(' ', '.') + "." + dtype;
                ctx.report(k + ".dit_weights", p.ditWeightBytes() / (double) GIB, "GiB",
                        String.format("%d tokens; one block %.2f GiB", p.tokens(), p.blockWeightBytes() / (double) GIB));
                ctx.report(k + ".encoders", p.encoderWeightBytes() / (double) GIB, "GiB", "CLIP + wav2vec2 in fp32, VAE in fp16");
                ctx.report(k + ".dit_activations", p.ditActivationBytes() / (double) GIB, "GiB", "fused attention");
                ctx.report(k + ".vae_peak", p.vaePeakBytes() / (double) GIB, "GiB", "decode, 4 frames at a time");
                ctx.report(k + ".peak_all_resident", p.peakResident() / (double) GIB, "GiB", "");
                for (int card : new int[]{80, 48, 24}) {
                    int off = p.blocksToOffload(card * GIB);
                    ctx.report(k + ".card" + card + "GB.offload_blocks", off, "blocks",
                            p.fits(card * GIB) ? (off == 0 ? "fits resident" : "stream " + off + " of 40 blocks per forward")
                                    : "does not fit even streaming every block");
                }
            }
        }
        for (int card : new int[]{80, 48, 24}) {
            ctx.report("placement.card" + card + "GB", card, "GB", "the DiT as a load places it (planned for 720p): "
                    + DitPlacementPlanner.plan(Device.gpu(), card * GIB, "", -1));
        }
    }
}
