package org.talkfx.inference.pipeline;

import org.talkfx.common.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * L-RoPE speaker masks as the official code builds them: per speaker a pixel mask at source resolution, resized and
 * centre-cropped like the picture, nearest-sampled at the latent grid and binarised; then a background mask that
 * is 1 where no speaker is. One speaker gets three all-ones masks.
 */
public final class SpeakerMasks implements SpeakerMaskSource {
    /** Default margins of the official left/right layout for two speakers without boxes. */
    public static final double FACE_SCALE = 0.05;

    private final List<SpeakerRegion> regions;
    private final CropMapping crop;

    private SpeakerMasks(List<SpeakerRegion> regions, CropMapping crop) {
        this.regions = regions;
        this.crop = crop;
    }

    /**
     * Masks for {@code speakers} speakers. Without regions: one speaker needs none; two get the official left and
     * right halves shrunk by 5 %; more get equal vertical strips. More than two speakers is WanVideoWrapper's
     * untrained extension: it works, with a warning.
     */
    public static SpeakerMaskSource of(int speakers, List<SpeakerRegion> regions, CropMapping crop,
                                       Consumer<String> warn) {
        if (speakers > 2) {
            warn.accept(speakers + " speakers: InfiniteTalk was trained with at most 2; more use WanVideoWrapper's "
                    + "untrained label layout and may route audio less cleanly");
        }
        if (speakers == 1 && (regions == null || regions.isEmpty())) {
            return SpeakerMaskSource.single();
        }
        List<SpeakerRegion> r = regions == null || regions.isEmpty() ? defaults(speakers, crop) : regions;
        if (r.size() != speakers) {
            throw new BadInputException(speakers + " speakers but " + r.size() + " speaker masks/boxes");
        }
        return new SpeakerMasks(List.copyOf(r), crop);
    }

    static List<SpeakerRegion> defaults(int speakers, CropMapping crop) {
        int w = crop.sourceWidth();
        int h = crop.sourceHeight();
        List<SpeakerRegion> out = new ArrayList<>();
        int marginY = (int) (h * FACE_SCALE);
        for (int i = 0; i < speakers; i++) {
            int x0 = i * w / speakers;
            int x1 = (i + 1) * w / speakers;
            int marginX = (int) ((x1 - x0) * FACE_SCALE);
            out.add(SpeakerRegion.box(w, h, x0 + marginX, marginY, x1 - marginX, h - marginY));
        }
        return out;
    }

    @Override
    public int count() {
        return regions.size() + 1;
    }

    @Override
    public float[] at(int frame, int lh, int lw) {
        int n = lh * lw;
        float[] out = new float[count() * n];
        for (int s = 0; s < regions.size(); s++) {
            float[] plane = regions.get(s).at(frame);
            if (plane.length != crop.sourceWidth() * crop.sourceHeight()) {
                throw new BadInputException("speaker " + (s + 1) + " mask at frame " + frame + " has " + plane.length
                        + " pixels, the source has " + crop.sourceWidth() + "x" + crop.sourceHeight());
            }
            float[] gen = crop.forwardPlane(plane);
            boolean any = false;
            for (int y = 0; y < lh; y++) {
                int gy = Math.min(crop.height() - 1, (int) Math.floor((y + 0.5) * crop.height() / lh));
                for (int x = 0; x < lw; x++) {
                    int gx = Math.min(crop.width() - 1, (int) Math.floor((x + 0.5) * crop.width() / lw));
                    boolean on = gen[gy * crop.width() + gx] > 0.5f;
                    out[s * n + y * lw + x] = on ? 1f : 0f;
                    any |= on;
                }
            }
            if (!any) {
                throw new BadInputException("speaker " + (s + 1) + " mask is empty at frame " + frame
                        + " (after cropping to the generation area)");
            }
        }
        int bg = regions.size() * n;
        boolean anyBackground = false;
        for (int p = 0; p < n; p++) {
            boolean none = true;
            for (int s = 0; s < regions.size(); s++) {
                none &= out[s * n + p] == 0f;
            }
            out[bg + p] = none ? 1f : 0f;
            anyBackground |= none;
        }
        if (!anyBackground) {
            // speakers cover the whole picture: the background class then averages over every token instead of
            // over none (an empty class has no defined affinity)
            java.util.Arrays.fill(out, bg, bg + n, 1f);
        }
        return out;
    }
}
