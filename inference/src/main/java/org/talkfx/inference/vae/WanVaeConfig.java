package org.talkfx.inference.vae;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.Weights;

import java.util.Arrays;
import java.util.List;

/**
 * Architecture of a Wan 2.1 VAE ({@code WanVAE_}). Attention scales are always empty and the temporal downsampling
 * of Wan 2.1 is fixed at [false, true, true] per stage (4x in time); the decoder mirrors it.
 *
 * @param dim            base channels (96 in the real model)
 * @param zDim           latent channels (16)
 * @param dimMult        channel multiplier per stage ([1, 2, 4, 4])
 * @param numResBlocks   residual blocks per encoder stage (the decoder has one more)
 * @param temporalDownsample per encoder stage transition, whether it also halves time
 */
public record WanVaeConfig(int dim, int zDim, List<Integer> dimMult, int numResBlocks,
                           List<Boolean> temporalDownsample) {
    public WanVaeConfig {
        dimMult = List.copyOf(dimMult);
        temporalDownsample = List.copyOf(temporalDownsample);
        if (dim <= 0 || zDim <= 0 || numResBlocks <= 0 || dimMult.size() < 2) {
            throw new IllegalArgumentException("invalid VAE config " + dim + "/" + zDim + "/" + dimMult);
        }
        if (temporalDownsample.size() != dimMult.size() - 1) {
            throw new IllegalArgumentException("temporalDownsample needs one entry per stage transition");
        }
    }

    /** The Wan 2.1 VAE as shipped ({@code Wan2.1_VAE.pth}). */
    public static WanVaeConfig wan21() {
        return new WanVaeConfig(96, 16, List.of(1, 2, 4, 4), 2, List.of(false, true, true));
    }

    /** The parity fixture's tiny VAE (dim 8), same structure as the real one. */
    public static WanVaeConfig tiny() {
        return new WanVaeConfig(8, 16, List.of(1, 2, 4, 4), 2, List.of(false, true, true));
    }

    /** Temporal compression: 2 per temporal downsampling stage (4 for Wan 2.1). */
    public int temporalStride() {
        return 1 << temporalDownsample.stream().filter(b -> b).count();
    }

    /** Spatial compression: 2 per stage transition (8 for Wan 2.1). */
    public int spatialStride() {
        return 1 << (dimMult.size() - 1);
    }

    /** Reads the architecture from tensor shapes (official state_dict names, no prefix). */
    public static WanVaeConfig detect(Weights w) {
        String stem = "encoder.conv1.weight";
        if (!w.contains(stem) || !w.contains("conv2.weight")) {
            throw new BadInputException(w.source(), "not a Wan VAE checkpoint (no " + stem + " / conv2.weight)");
        }
        int dim = (int) w.shape(stem)[0];
        int zDim = (int) w.shape("conv2.weight")[0];
        // encoder.downsamples.N is a residual block (has residual.2.weight) or a resample (has resample.1.weight)
        List<Integer> mult = new java.util.ArrayList<>();
        List<Boolean> temporal = new java.util.ArrayList<>();
        int blocksInStage = 0;
        int resBlocks = -1;
        long stageOut = dim;
        for (int i = 0; ; i++) {
            String layer = "encoder.downsamples." + i;
            if (w.contains(layer + ".residual.2.weight")) {
                stageOut = w.shape(layer + ".residual.2.weight")[0];
                blocksInStage++;
            } else if (w.contains(layer + ".resample.1.weight")) {
                resBlocks = closeStage(w, resBlocks, blocksInStage, stageOut, dim, mult);
                temporal.add(w.contains(layer + ".time_conv.weight"));
                blocksInStage = 0;
            } else if (w.keys().stream().anyMatch(k -> k.startsWith(layer + "."))) {
                throw new BadInputException(w.source(), "unsupported VAE layer " + layer + " (attention scales?)");
            } else {
                break;
            }
        }
        resBlocks = closeStage(w, resBlocks, blocksInStage, stageOut, dim, mult);
        return new WanVaeConfig(dim, zDim, mult, resBlocks, temporal);
    }

    private static int closeStage(Weights w, int expected, int blocks, long out, int dim, List<Integer> mult) {
        if (blocks == 0 || (expected >= 0 && blocks != expected) || out % dim != 0) {
            throw new BadInputException(w.source(), "irregular VAE encoder stages (" + blocks + " residual blocks, "
                    + out + " channels for base " + dim + ")");
        }
        mult.add((int) (out / dim));
        return blocks;
    }

    @Override
    public String toString() {
        return "WanVaeConfig[dim=" + dim + ", zDim=" + zDim + ", dimMult=" + dimMult + ", numResBlocks="
                + numResBlocks + ", temporalDownsample=" + Arrays.toString(temporalDownsample.toArray()) + "]";
    }
}
