package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.sampler.FlowMatchSchedule;

/**
 * Differential diffusion (spec 6.2): after solver step i, every latent cell whose keep-weight (1 − m) exceeds i/N
 * is replaced by the source latent re-noised to the next timestep with the window's own noise. m = 0 ends as the
 * source latent exactly, m = 1 is fully generated, soft edges keep the source for the first (1 − m)·N steps.
 */
final class HeadOnlyBlend {
    private final NDArray source;
    private final NDArray keep;
    private final NDArray epsilon;

    private HeadOnlyBlend(NDArray source, NDArray keep, NDArray epsilon) {
        this.source = source;
        this.keep = keep;
        this.epsilon = epsilon;
    }

    static HeadOnlyBlend prepare(NDManager w, GenerationModel model, FrameSource frames, RegionMask region, int start,
                                 int windowFrames, int latT, NDArray epsilon) {
        int h = frames.height();
        int wd = frames.width();
        int plane = h * wd;
        float[] video = new float[3 * windowFrames * plane];
        float[][] masks = new float[windowFrames][];
        for (int f = 0; f < windowFrames; f++) {
            float[] frame = frames.frame(start + f);
            for (int c = 0; c < 3; c++) {
                System.arraycopy(frame, c * plane, video, (c * windowFrames + f) * plane, plane);
            }
            masks[f] = region.at(start + f);
        }
        NDArray latents = model.encodeVideo(w, w.create(video, new Shape(3, windowFrames, h, wd)));
        int stride = model.spatialStride();
        int lh = h / stride;
        int lw = wd / stride;
        float[] keep = new float[latT * lh * lw];
        int ts = model.temporalStride();
        for (int j = 0; j < latT; j++) {
            int first = j == 0 ? 0 : ts * j - (ts - 1);
            int last = j == 0 ? 0 : ts * j;
            for (int y = 0; y < lh; y++) {
                for (int x = 0; x < lw; x++) {
                    // regenerate where any covered frame needs it (max over time), soft in space (mean over the cell)
                    float m = 0;
                    for (int f = first; f <= last; f++) {
                        float sum = 0;
                        for (int dy = 0; dy < stride; dy++) {
                            for (int dx = 0; dx < stride; dx++) {
                                sum += masks[f][(y * stride + dy) * wd + x * stride + dx];
                            }
                        }
                        m = Math.max(m, sum / (stride * stride));
                    }
                    keep[(j * lh + y) * lw + x] = 1f - m;
                }
            }
        }
        return new HeadOnlyBlend(latents, w.create(keep, new Shape(1, latT, lh, lw)), epsilon);
    }

    NDArray apply(NDArray x, int step, FlowMatchSchedule schedule) {
        float threshold = (float) step / schedule.steps();
        float sigma = schedule.sigma(step + 1);
        // every temporary starts from x so it is owned by x's (per-step) manager, not the window's
        NDArray renoised = x.zerosLike().add(source).mul(1f - sigma).add(x.zerosLike().add(epsilon).mul(sigma));
        NDArray fromSource = x.zerosLike().add(keep).gt(threshold).toType(x.getDataType(), false);
        return renoised.mul(fromSource).add(x.mul(fromSource.neg().add(1f)));
    }
}
