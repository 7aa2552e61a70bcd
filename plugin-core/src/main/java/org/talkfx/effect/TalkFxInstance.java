package org.talkfx.effect;

import org.talkfx.ofx.OfxException;
import org.talkfx.ofx.OfxStatus;
import org.talkfx.ofx.effect.ChangeArgs;
import org.talkfx.ofx.effect.Clip;
import org.talkfx.ofx.effect.ContextDescriptor;
import org.talkfx.ofx.effect.EffectInstance;
import org.talkfx.ofx.effect.OfxInstance;
import org.talkfx.ofx.effect.RenderArgs;
import org.talkfx.ofx.image.Components;
import org.talkfx.ofx.image.Image;
import org.talkfx.ofx.image.RectD;
import org.talkfx.ofx.image.RectI;
import org.talkfx.ofx.jna.MessageSuite;
import org.talkfx.service.JobState;
import org.talkfx.service.JobStatus;
import org.talkfx.shot.RegionKind;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.talkfx.effect.TalkFxParams.*;

/**
 * One TalkFX instance in a host. Render shows the generated frame from the cache (composited per the region),
 * or the source frame with a status line; exports may wait for generation. Buttons drive the render service.
 */
final class TalkFxInstance implements EffectInstance {
    private static final Set<String> NOT_SETUP = Set.of(GENERATE, CANCEL, OPEN_PANEL, STATUS, SETUP_JSON,
            AUTO_GENERATE, WAIT_FOR_FRAMES);
    private static final String FRAME_RATE = "OfxImageEffectPropFrameRate";

    private final OfxInstance instance;
    private final ParamValues params;
    private final ShotController shot;
    private String lastStatus = "";

    TalkFxInstance(OfxInstance instance) {
        this(instance, EffectEnvironment.defaults());
    }

    TalkFxInstance(OfxInstance instance, EffectEnvironment env) {
        this.instance = instance;
        this.params = new OfxParamValues(instance);
        this.shot = new ShotController(params, env);
    }

    private Clip source() {
        return instance.clip(ContextDescriptor.SOURCE_CLIP);
    }

    @Override
    public Optional<RectD> regionOfDefinition(double time, double[] renderScale) {
        return Optional.of(source().regionOfDefinition(time));
    }

    @Override
    public Map<String, RectD> regionsOfInterest(double time, double[] renderScale, RectD region) {
        return Map.of(ContextDescriptor.SOURCE_CLIP, source().regionOfDefinition(time));
    }

    @Override
    public void render(RenderArgs args) throws Exception {
        double fps = fps();
        ShotController.Lookup frame = shot.lookup(args.time(), fps);
        if (!frame.hit()) {
            boolean exporting = params.flag(WAIT_FOR_FRAMES) || (args.sequential() && !args.interactive());
            if (exporting) {
                frame = shot.waitFor(args.time(), fps, instance::aborted);
            } else if (params.flag(AUTO_GENERATE) && shot.problems().isEmpty() && shot.activeJob().isEmpty()) {
                shot.submit(0);
            }
        }
        try (Image src = image(source(), args.time());
                Image dst = image(instance.clip(ContextDescriptor.OUTPUT_CLIP), args.time())) {
            if (src.depth() != dst.depth() || src.components() != dst.components()) {
                throw new OfxException(OfxStatus.ERR_IMAGE_FORMAT, "source is " + src.components() + " " + src.depth()
                        + " but output is " + dst.components() + " " + dst.depth());
            }
            RectI window = args.renderWindow().intersect(dst.bounds()).intersect(src.bounds());
            String status = frame.status();
            if (frame.hit() && (frame.width() != src.bounds().width() || frame.height() != src.bounds().height())) {
                status = "the clip is " + src.bounds().width() + "x" + src.bounds().height() + " but the frames were "
                        + "generated at " + frame.width() + "x" + frame.height() + " (proxy or scaled render?)";
                frame = new ShotController.Lookup(null, 0, 0, status);
            }
            float[] alpha = null;
            if (frame.hit()) {
                RegionKind kind = shot.setup().region().kind();
                if (kind != RegionKind.WHOLE_FRAME) {
                    Optional<float[]> mask = mask(args.time(), src.bounds());
                    if (mask.isEmpty()) {
                        status = "'" + REGION_OPTIONS[kind.ordinal()] + "' needs the Mask clip connected (general context)";
                        frame = new ShotController.Lookup(null, 0, 0, status);
                    } else {
                        alpha = RegionAlpha.of(mask.get(), src.bounds().width(), src.bounds().height(),
                                shot.setup().region().expand(), shot.setup().region().feather());
                    }
                }
            }
            Compositor.write(src, dst, window, frame.hit() ? frame.rgb() : null, alpha, instance::aborted);
            showStatus(status);
        }
    }

    /** The clip's rate from the host, else the setup's fallback, else 25 (MLT tells none). */
    private double fps() {
        try {
            double r = source().properties().getDouble(FRAME_RATE, 0);
            if (r > 0) {
                return r;
            }
        } catch (RuntimeException ignored) {
            // hosts such as MLT leave it unset
        }
        Double fallback = shot.setup().source() == null ? null : shot.setup().source().fpsFallback();
        return fallback != null ? fallback : 25.0;
    }

    /** The Mask clip's picture as a top-down plane (alpha, else luminance), if connected. */
    private Optional<float[]> mask(double time, RectI bounds) {
        if (!ContextDescriptor.GENERAL.equals(instance.context())) {
            return Optional.empty();
        }
        Clip clip = instance.clip(TalkFxEffect.MASK_CLIP);
        if (!clip.connected()) {
            return Optional.empty();
        }
        try (Image m = clip.image(time).orElse(null)) {
            if (m == null) {
                return Optional.empty();
            }
            Pixels px = new Pixels(m);
            int w = bounds.width();
            int h = bounds.height();
            float[] plane = new float[w * h];
            RectI mb = m.bounds();
            for (int row = 0; row < h; row++) {
                int y = bounds.y2() - 1 - row;
                if (y < mb.y1() || y >= mb.y2()) {
                    continue;
                }
                for (int col = 0; col < w; col++) {
                    int x = bounds.x1() + col;
                    if (x < mb.x1() || x >= mb.x2()) {
                        continue;
                    }
                    plane[row * w + col] = m.components() == Components.ALPHA ? px.get(x, y, 0)
                            : m.components() == Components.RGBA ? px.get(x, y, 3)
                            : (px.get(x, y, 0) + px.get(x, y, 1) + px.get(x, y, 2)) / 3f;
                }
            }
            return Optional.of(plane);
        }
    }

    private void showStatus(String text) {
        if (!text.equals(lastStatus)) {
            lastStatus = text;
            try {
                params.setString(STATUS, text);
            } catch (RuntimeException e) {
                // hosts may refuse param changes during render; the status is informative only
            }
        }
    }

    private static Image image(Clip clip, double time) {
        return clip.image(time).orElseThrow(
                () -> new OfxException(OfxStatus.FAILED, "the host gave no image for clip " + clip.name() + " at " + time));
    }

    @Override
    public void instanceChanged(ChangeArgs args) throws Exception {
        if (!ChangeArgs.TYPE_PARAMETER.equals(args.type())) {
            return;
        }
        String name = args.name();
        if (GENERATE.equals(name)) {
            generate();
        } else if (CANCEL.equals(name)) {
            showStatus(shot.cancel() ? "cancelled" : "nothing to cancel");
        } else if (OPEN_PANEL.equals(name)) {
            shot.openPanel();
            showStatus("panel opened on " + params.string(SETUP_FILE));
        } else if (!NOT_SETUP.contains(name) && !ChangeArgs.REASON_PLUGIN_EDITED.equals(args.reason())) {
            shot.paramsChanged();
        }
    }

    /** Generate: the whole shot, with the host's progress bar; its cancel button cancels the job. */
    private void generate() throws Exception {
        boolean bar = instance.progressStart("TalkFX: generating");
        boolean[] stop = {false};
        JobStatus end;
        try {
            end = shot.generate(e -> {
                if (bar && e.status() != null && !instance.progressUpdate(e.status().fraction())) {
                    stop[0] = true;
                }
            }, () -> stop[0]);
        } finally {
            if (bar) {
                instance.progressEnd();
            }
        }
        String text = switch (end.state()) {
            case DONE -> "generated " + end.windows() + " window(s), " + end.windowsCached() + " already in the cache";
            case CANCELLED -> "generation cancelled after " + end.windowsDone() + " window(s)";
            case FAILED -> "generation failed: " + end.error();
            default -> "generation " + end.state().name().toLowerCase();
        };
        showStatus(text);
        instance.message(end.state() == JobState.FAILED ? MessageSuite.ERROR : MessageSuite.MESSAGE, "TalkFX: " + text);
    }
}
