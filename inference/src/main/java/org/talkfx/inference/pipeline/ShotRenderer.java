package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.common.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A whole shot: lays the speakers out on one timeline, computes their wav2vec2 features, fits the source into the
 * generation size, builds speaker and head masks, and runs the streaming generator. Frames come back at 25 fps and
 * generation size; {@link RenderResult} maps them back to the source.
 */
public final class ShotRenderer {
    private final GenerationModel model;
    private final NDManager manager;

    public ShotRenderer(GenerationModel model, NDManager manager) {
        this.model = model;
        this.manager = manager;
    }

    public RenderResult render(RenderRequest r, NoiseSource noise, GenerationListener listener) {
        return render(r, noise, listener, null);
    }

    /** As {@link #render(RenderRequest, NoiseSource, GenerationListener)}, resuming from and saving to {@code store}. */
    public RenderResult render(RenderRequest r, NoiseSource noise, GenerationListener listener, WindowStore store) {
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = m -> {
            warnings.add(m);
            listener.warn(m);
        };
        GenerationSettings s = r.settings();
        if (r.sourceWidth() < 16 || r.sourceHeight() < 16) {
            throw new BadInputException(r.sourceFile(), "is " + r.sourceWidth() + "x" + r.sourceHeight()
                    + "; at least 16x16 pixels are needed");
        }
        for (RgbImage f : r.source()) {
            if (f.width() != r.sourceWidth() || f.height() != r.sourceHeight()) {
                throw new BadInputException(r.sourceFile(), "changes size mid-stream (" + f.width() + "x"
                        + f.height() + " after " + r.sourceWidth() + "x" + r.sourceHeight() + ")");
            }
        }
        SpeakerTimeline timeline = SpeakerTimeline.of(r.speakers(), r.mode());
        int audioFrames = timeline.frames();
        if (audioFrames < 1) {
            throw new BadInputException(r.speakers().get(0).file(), "audio is shorter than one video frame (40 ms)");
        }
        if (audioFrames < s.frames()) {
            warn.accept("the audio lasts " + audioFrames + " frames, less than one " + s.frames()
                    + "-frame window: one window is generated and trimmed to the audio");
        }
        if (!r.image() && audioFrames > r.source().size()) {
            warn.accept("the audio (" + audioFrames + " frames) is longer than the source video (" + r.source().size()
                    + " frames at 25 fps): the last source frame is held for the rest, as the official code does");
        }
        int[] size = r.resolution().sizeFor(r.sourceWidth(), r.sourceHeight());
        CropMapping crop = CropMapping.of(r.sourceWidth(), r.sourceHeight(), size[0], size[1]);
        // kept as 8-bit pictures (a quarter of the float size) and expanded when a window reads them
        List<RgbImage> fitted = new ArrayList<>(r.source().size());
        for (RgbImage f : r.source()) {
            fitted.add(crop.forward(f));
        }
        FrameSource frames = new FrameSource() {
            public int width() {
                return size[0];
            }

            public int height() {
                return size[1];
            }

            public int frameCount() {
                return fitted.size();
            }

            public float[] frame(int index) {
                return fitted.get(Math.min(index, fitted.size() - 1)).toChw();
            }

            public boolean isImage() {
                return r.image();
            }
        };
        SpeakerMaskSource speakerMasks = SpeakerMasks.of(r.speakers().size(), r.speakerRegions(), crop, warn);
        RenderRequest.RegionMaskSource alpha = null;
        RegionMask region = null;
        if (r.headMasks() != null) {
            int pixels = r.sourceWidth() * r.sourceHeight();
            alpha = index -> {
                float[] m = r.headMasks().at(index);
                if (m.length != pixels) {
                    throw new BadInputException(r.sourceFile(), "head mask of frame " + index + " has " + m.length
                            + " pixels, the source has " + r.sourceWidth() + "x" + r.sourceHeight());
                }
                return HeadComposite.feather(m, r.sourceWidth(), r.sourceHeight(), r.featherRadius());
            };
            RenderRequest.RegionMaskSource alphaAt = alpha;
            region = index -> {
                float[] a = alphaAt.at(index);
                float[] support = new float[a.length];
                boolean any = false;
                for (int i = 0; i < a.length; i++) {
                    support[i] = a[i] > 0 ? 1f : 0f;
                    any |= a[i] > 0;
                }
                if (!any && index == 0) {
                    throw new BadInputException(r.sourceFile(), "the head mask is empty at frame 0: nothing to "
                            + "redub (check the mask or the face detection)");
                }
                return crop.forwardPlane(support);
            };
        }
        List<RgbImage> out = new ArrayList<>(audioFrames);
        int windows;
        try (NDManager job = manager.newSubManager()) {
            List<NDArray> features = new ArrayList<>();
            for (float[] track : timeline.tracks()) {
                features.add(model.audioFeatures(job, track, audioFrames));
            }
            ShotInput in = new ShotInput(frames, features, audioFrames, speakerMasks, region);
            int target = s.maxFrames() > 0 ? Math.min(audioFrames, s.maxFrames()) : audioFrames;
            windows = new WindowPlan(s.frames(), s.contextFrames(), target).windows();
            new StreamingGenerator(model, job).run(in, s, noise, listener,
                    (i, chw) -> out.add(RgbImage.fromChw(chw, size[0], size[1])), store);
        }
        int kept = out.size();
        float[] mix = timeline.mix();
        int samples = (int) Math.min(mix.length, (long) kept * SpeakerTimeline.RATE / SpeakerTimeline.FPS);
        float[] trimmed = java.util.Arrays.copyOf(mix, samples);
        return new RenderResult(List.copyOf(out), trimmed, crop, windows, List.copyOf(warnings), model.id(), alpha);
    }
}
