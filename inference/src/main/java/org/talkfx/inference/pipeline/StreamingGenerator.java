package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.sampler.ColorMatch;
import org.talkfx.inference.sampler.Condition;
import org.talkfx.inference.sampler.FlowMatchSchedule;
import org.talkfx.inference.sampler.Guidance;
import org.talkfx.inference.sampler.Solver;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * InfiniteTalk's streaming loop (spec 4.1): windows of {@code frames} frames advancing by frames − context, each
 * conditioned on its reference frame (CLIP and latent 0 of y) and on the previous window's colour-corrected tail
 * (clean context latents re-imposed before every model call and after every update). Head-only runs add
 * differential-diffusion blending towards the source latents (spec 6.2).
 */
public final class StreamingGenerator {
    private final GenerationModel model;
    private final NDManager manager;

    public StreamingGenerator(GenerationModel model, NDManager manager) {
        this.model = model;
        this.manager = manager;
    }

    /** Generates min(audioFrames, maxFrames) frames into {@code sink}; returns that count. */
    public int run(ShotInput in, GenerationSettings s, NoiseSource noise, GenerationListener listener, FrameSink sink) {
        return run(in, s, noise, listener, sink, null);
    }

    /**
     * As {@link #run(ShotInput, GenerationSettings, NoiseSource, GenerationListener, FrameSink)}, taking finished
     * windows from {@code store} (null = none) and saving every window it generates there.
     */
    public int run(ShotInput in, GenerationSettings s, NoiseSource noise, GenerationListener listener, FrameSink sink,
                   WindowStore store) {
        int target = s.maxFrames() > 0 ? Math.min(in.audioFrames(), s.maxFrames()) : in.audioFrames();
        WindowPlan plan = new WindowPlan(s.frames(), s.contextFrames(), target);
        int width = in.source().width();
        int height = in.source().height();
        int cell = model.spatialStride() * model.patchSize();
        if (width % cell != 0 || height % cell != 0) {
            throw new IllegalArgumentException("generation size " + width + "x" + height + " must divide by " + cell);
        }
        int latH = height / model.spatialStride();
        int latW = width / model.spatialStride();
        int latT = WindowPlan.latentFrames(s.frames(), model.temporalStride());
        int ctxLat = WindowPlan.latentFrames(s.contextFrames(), model.temporalStride());
        Shape latentShape = new Shape(model.latentChannels(), latT, latH, latW);
        int windows = plan.windows();
        try (NDManager job = manager.newSubManager()) {
            Condition[] conditions = s.guidance().conditions();
            NDArray positive = model.encodeText(job, s.prompt());
            NDArray negative = needsNegative(conditions) ? model.encodeText(job, s.negativePrompt()) : null;
            List<NDArray> features = padFeatures(job, in.speakerFeatures(), plan.lastEnd(), s.endPadding(), listener);
            // every window is matched to the first window's reference frame
            ColorMatch colour = new ColorMatch(job, in.source().frame(0), height, width);
            float[] tail = null;
            NDArray imageClip = null;
            NDArray imageY = null;
            int emitted = 0;
            for (int k = 0; k < windows; k++) {
                int start = plan.start(k);
                int wanted = Math.min(s.frames() - plan.firstNewFrame(k), target - emitted);
                WindowStore.StoredWindow stored = store == null ? null : store.load(k)
                        .filter(w -> w.frames().size() == wanted
                                && w.tail().length == 3 * s.contextFrames() * height * width)
                        .orElse(null);
                if (stored != null) {
                    for (RgbImage f : stored.frames()) {
                        sink.accept(emitted++, f.toChw());
                    }
                    tail = stored.tail();
                    listener.windowRestored(k, windows);
                    continue;
                }
                listener.windowStarted(k, windows);
                try (NDManager w = job.newSubManager()) {
                    float[] ref = in.source().frame(start);
                    NDArray refFrame = w.create(ref, new Shape(3, 1, height, width));
                    NDArray clip;
                    NDArray y;
                    if (in.source().isImage() && imageClip != null) {
                        clip = imageClip;
                        y = imageY;
                    } else {
                        clip = model.encodeImage(w, refFrame.reshape(3, height, width));
                        y = buildY(w, refFrame, s.frames(), latT);
                        if (in.source().isImage()) {
                            clip.attach(job);
                            y.attach(job);
                            imageClip = clip;
                            imageY = y;
                        }
                    }
                    checkCancel(listener, k);
                    NDArray context = k == 0 ? model.encodeVideo(w, refFrame)
                            : model.encodeVideo(w, w.create(tail, new Shape(3, s.contextFrames(), height, width)));
                    int contextLatents = k == 0 ? 1 : ctxLat;
                    NDArray audio = audioWindows(w, features, start, s.frames());
                    NDArray masks = w.create(in.speakerMasks().at(start, latH, latW),
                            new Shape(in.speakerMasks().count(), latH, latW));
                    float[] eps = noise.noise(k, (int) latentShape.size());
                    NDArray epsilon = w.create(eps, latentShape);
                    HeadOnlyBlend blend = in.headOnly() == null ? null
                            : HeadOnlyBlend.prepare(w, model, in.source(), in.headOnly(), start, s.frames(), latT,
                            epsilon);
                    NDArray x = sample(w, epsilon, context, contextLatents, conditions, positive, negative, clip, y,
                            audio, masks, s, blend, listener, k, windows);
                    checkCancel(listener, k);
                    NDArray decoded = model.decode(w, x);
                    float[] video = colour.apply(decoded, s.colorStrength()).toFloatArray();
                    int plane = height * width;
                    List<RgbImage> added = store == null ? null : new ArrayList<>();
                    for (int f = plan.firstNewFrame(k); f < s.frames() && emitted < target; f++) {
                        float[] frame = new float[3 * plane];
                        for (int c = 0; c < 3; c++) {
                            System.arraycopy(video, (c * s.frames() + f) * plane, frame, c * plane, plane);
                        }
                        if (start + f != emitted) {
                            throw new IllegalStateException("window stitching lost frame " + emitted);
                        }
                        if (added != null) {
                            added.add(RgbImage.fromChw(frame, width, height));
                        }
                        sink.accept(emitted++, frame);
                    }
                    tail = lastFrames(video, s.frames(), s.contextFrames(), plane);
                    if (store != null) {
                        store.save(k, new WindowStore.StoredWindow(added, tail));
                    }
                }
            }
            return emitted;
        }
    }

    private NDArray sample(NDManager w, NDArray epsilon, NDArray context, int contextLatents, Condition[] conditions,
                           NDArray positive, NDArray negative, NDArray clip, NDArray y, NDArray audio,
                           NDArray masks, GenerationSettings s, HeadOnlyBlend blend,
                           GenerationListener listener, int window, int windows) {
        FlowMatchSchedule schedule = FlowMatchSchedule.official(s.steps(), s.shift());
        Solver solver = s.solver().create(schedule, w);
        Guidance guidance = new Guidance(s.guidance());
        NDManager current = w.newSubManager();
        NDArray clean = context.get(new NDIndex(":, 0:{}", contextLatents));
        NDArray x = epsilon.duplicate();
        x.attach(current);
        impose(x, clean, contextLatents);
        for (int i = 0; i < schedule.steps(); i++) {
            NDManager next = w.newSubManager();
            try (NDManager step = w.newSubManager()) {
                Map<Condition, NDArray> outputs = new EnumMap<>(Condition.class);
                for (Condition c : conditions) {
                    checkCancel(listener, window);
                    outputs.put(c, model.denoise(step, new DenoiseInput(x, schedule.t(i),
                            c.usesPrompt() ? positive : negative, clip, y, c.usesAudio() ? audio : null,
                            masks)));
                }
                NDArray v = guidance.combine(outputs);
                NDArray updated = solver.step(x, v, i);
                if (blend != null) {
                    updated = blend.apply(updated, i, schedule);
                }
                updated = updated.duplicate();
                updated.attach(next);
                impose(updated, clean, contextLatents);
                current.close();
                current = next;
                x = updated;
            } catch (RuntimeException e) {
                next.close();
                current.close();
                throw e;
            }
            listener.stepDone(window, windows, i + 1, schedule.steps());
        }
        x.attach(w);
        current.close();
        return x;
    }

    /** Overwrites the first latent frames of x with the clean context latents. */
    private static void impose(NDArray x, NDArray clean, int latents) {
        x.set(new NDIndex(":, 0:{}", latents), clean);
    }

    /** y = [4 mask channels, 1 on latent 0 only | VAE(reference frame followed by black frames)], batch of 1. */
    private NDArray buildY(NDManager w, NDArray refFrame, int frames, int latT) {
        Shape refShape = refFrame.getShape();
        NDArray zeros = w.zeros(new Shape(3, frames - 1, refShape.get(2), refShape.get(3)));
        NDArray latent = model.encodeVideo(w, refFrame.concat(zeros, 1));
        NDArray mask = w.zeros(new Shape(4, latT, latent.getShape().get(2), latent.getShape().get(3)));
        mask.set(new NDIndex(":, 0"), 1f);
        return mask.concat(latent, 0).expandDims(0);
    }

    private static boolean needsNegative(Condition[] conditions) {
        for (Condition c : conditions) {
            if (!c.usesPrompt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Extends every speaker's features to cover the last window. Official: append the time-reversed last
     * (overrun + 3) frames; alternatively the features of silence.
     */
    private List<NDArray> padFeatures(NDManager job, List<NDArray> features, int lastEnd, EndPadding padding,
                                      GenerationListener listener) {
        List<NDArray> out = new ArrayList<>();
        NDArray silence = null;
        for (NDArray f : features) {
            int length = (int) f.getShape().get(0);
            if (lastEnd < length) {
                out.add(f);
                continue;
            }
            int miss = lastEnd - length + 3;
            NDArray extra;
            if (padding == EndPadding.SILENCE) {
                if (silence == null) {
                    silence = model.audioFeatures(job, new float[miss * 16000 / 25], miss);
                }
                extra = silence;
            } else {
                int take = Math.min(miss, length);
                extra = f.get(new NDIndex("{}:", length - take)).flip(0);
            }
            out.add(f.concat(extra, 0));
        }
        return out;
    }

    /**
     * The 5-frame audio context of every video frame of the window: [speakers, frames, 5, layers, hidden] with
     * indices clamped to the whole (padded) track.
     */
    static NDArray audioWindows(NDManager w, List<NDArray> features, int start, int frames) {
        NDList parts = new NDList();
        for (NDArray f : features) {
            int length = (int) f.getShape().get(0);
            long[] idx = new long[frames * 5];
            for (int i = 0; i < frames; i++) {
                for (int o = 0; o < 5; o++) {
                    idx[i * 5 + o] = Math.max(0, Math.min(length - 1, start + i + o - 2));
                }
            }
            NDArray gathered = f.get(new NDIndex("{}", w.create(idx)));
            gathered.attach(w);
            parts.add(gathered.reshape(new Shape(1, frames, 5).addAll(f.getShape().slice(1))));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    private static float[] lastFrames(float[] video, int frames, int count, int plane) {
        float[] out = new float[3 * count * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(video, (c * frames + frames - count) * plane, out, c * count * plane, count * plane);
        }
        return out;
    }

    private static void checkCancel(GenerationListener listener, int window) {
        if (listener.cancelled()) {
            throw new GenerationCancelledException("in window " + (window + 1));
        }
    }
}
