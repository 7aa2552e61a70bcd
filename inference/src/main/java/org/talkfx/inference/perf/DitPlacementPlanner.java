package org.talkfx.inference.perf;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import org.talkfx.inference.dit.DitPlacement;

import java.util.function.Consumer;

/**
 * Places the DiT on the device the pipeline runs on. On a GPU: fp16 with every block resident when the card holds
 * it, else 8-bit weights (measured as fast as fp16 on an H100), else 8-bit weights with the fewest blocks streamed
 * from pinned host memory. The plan is for a 720p window, the largest we render, so one load serves every render.
 * On CPU: float32, everything resident.
 *
 * <p>Overrides, for cards whose memory the CUDA runtime cannot report or users who know better:
 * {@code talkfx.gpu.memoryGiB}, {@code talkfx.dit.weights=fp16|int8}, {@code talkfx.dit.offload=N}.
 */
public final class DitPlacementPlanner {
    /** Assumed when the card's memory cannot be read: the smallest card we support, so the plan cannot overrun. */
    static final long UNKNOWN_CARD_BYTES = 24L << 30;

    private DitPlacementPlanner() {
    }

    public static DitPlacement plan(Device device, Consumer<String> notes) {
        if (!device.isGpu()) {
            return DitPlacement.on(device, DataType.FLOAT32);
        }
        long card = cardBytes(device, notes);
        DitPlacement placement = plan(device, card, System.getProperty("talkfx.dit.weights", ""),
                Integer.getInteger("talkfx.dit.offload", -1));
        notes.accept(String.format(java.util.Locale.ROOT, "DiT on %s (%.1f GiB card)", placement, card / 1073741824.0));
        return placement;
    }

    /**
     * @param weights "fp16", "int8" or empty for automatic
     * @param offload blocks to stream, or -1 for automatic
     */
    static DitPlacement plan(Device device, long cardBytes, String weights, int offload) {
        DitPlacement fp16 = DitPlacement.on(device, DataType.FLOAT16);
        MemoryPlan wide = MemoryPlan.of("720p", 720, 1280, 2);
        MemoryPlan narrow = MemoryPlan.of("720p", 720, 1280, 1);
        boolean int8 = switch (weights) {
            case "fp16" -> false;
            case "int8" -> true;
            case "" -> wide.blocksToOffload(cardBytes) > 0;
            default -> throw new IllegalArgumentException("talkfx.dit.weights must be fp16 or int8, not " + weights);
        };
        int streamed = offload >= 0 ? offload : (int8 ? narrow : wide).blocksToOffload(cardBytes);
        return fp16.withInt8Weights(int8).withOffloadedBlocks(streamed);
    }

    private static long cardBytes(Device device, Consumer<String> notes) {
        String forced = System.getProperty("talkfx.gpu.memoryGiB");
        if (forced != null) {
            return (long) (Double.parseDouble(forced) * (1L << 30));
        }
        try {
            return CudaUtils.getGpuMemory(device).getMax();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            notes.accept("could not read the GPU's memory through the CUDA runtime (" + e.getMessage() + "); planning "
                    + "for a 24 GiB card (set -Dtalkfx.gpu.memoryGiB to the card's size)");
            return UNKNOWN_CARD_BYTES;
        }
    }
}
