package org.talkfx.ofx.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.talkfx.common.BadInputException;
import org.talkfx.ofx.OfxException;
import org.talkfx.ofx.OfxStatus;
import org.talkfx.ofx.effect.ChangeArgs;
import org.talkfx.ofx.effect.Clip;
import org.talkfx.ofx.effect.ContextDescriptor;
import org.talkfx.ofx.effect.EffectInstance;
import org.talkfx.ofx.effect.OfxInstance;
import org.talkfx.ofx.effect.RenderArgs;
import org.talkfx.ofx.image.Image;
import org.talkfx.ofx.image.RectD;
import org.talkfx.ofx.image.RectI;
import org.talkfx.ofx.jna.MessageSuite;
import org.talkfx.ofx.props.HostPropertySet;
import org.talkfx.ofx.props.Props;

/** One Gain/Invert instance. */
final class GainInvertInstance implements EffectInstance {
    /** Rows between two looks at the host's abort flag. */
    private static final int ABORT_CHECK_ROWS = 32;

    private final OfxInstance instance;

    GainInvertInstance(OfxInstance instance) {
        this.instance = instance;
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
        return Map.of(ContextDescriptor.SOURCE_CLIP, region);
    }

    @Override
    public void render(RenderArgs args) throws Exception {
        double gain = instance.param(GainInvertEffect.GAIN).doubleAt(args.time());
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be a finite number >= 0, got " + gain);
        }
        boolean invert = instance.param(GainInvertEffect.MODE).intAt(args.time()) == GainInvertEffect.MODE_INVERT;
        try (Image src = image(source(), args.time());
                Image dst = image(instance.clip(ContextDescriptor.OUTPUT_CLIP), args.time())) {
            if (src.depth() != dst.depth() || src.components() != dst.components()) {
                throw new OfxException(OfxStatus.ERR_IMAGE_FORMAT, "source is " + src.components() + " " + src.depth()
                        + " but output is " + dst.components() + " " + dst.depth());
            }
            RectI window = args.renderWindow().intersect(dst.bounds()).intersect(src.bounds());
            if (window.isEmpty()) {
                return;
            }
            PixelRows rows = PixelRows.of(src.depth(), src.components(), gain, invert);
            int height = window.height();
            int threads = height >= 4 * ABORT_CHECK_ROWS ? Math.min(instance.threadCount(), 16) : 1;
            instance.parallel(threads, (index, count) -> {
                PixelRows.Worker worker = rows.worker(src, dst, window);
                int from = window.y1() + (int) ((long) height * index / count);
                int to = window.y1() + (int) ((long) height * (index + 1) / count);
                for (int y = from; y < to; y++) {
                    if ((y - from) % ABORT_CHECK_ROWS == 0 && instance.aborted()) {
                        return; // the host discards this frame; stop quietly
                    }
                    worker.row(y);
                }
            });
        }
    }

    private static Image image(Clip clip, double time) {
        return clip.image(time).orElseThrow(
                () -> new OfxException(OfxStatus.FAILED, "the host gave no image for clip " + clip.name() + " at " + time));
    }

    @Override
    public void instanceChanged(ChangeArgs args) throws IOException {
        if (args.isParameter(GainInvertEffect.RESET)) {
            instance.editParams("Reset to defaults", () -> {
                instance.param(GainInvertEffect.GAIN).set(1.0);
                instance.param(GainInvertEffect.MODE).set(0);
                instance.param(GainInvertEffect.REPORT_FILE).set("");
            });
        } else if (args.isParameter(GainInvertEffect.WRITE_REPORT)) {
            writeReport(args);
        }
    }

    private void writeReport(ChangeArgs args) throws IOException {
        String file = instance.param(GainInvertEffect.REPORT_FILE).string();
        if (file.isBlank()) {
            throw new BadInputException("set 'Report file' before pressing 'Write report'");
        }
        Path target = Path.of(file);
        instance.progressStart("Writing report");
        try {
            String host = new HostPropertySet(instance.host().properties(), instance.host().hostProperties()).getString(Props.NAME);
            String report = "effect=" + GainInvertEffect.IDENTIFIER + "\n"
                    + "host=" + host + "\n"
                    + "context=" + instance.context() + "\n"
                    + "time=" + args.time() + "\n"
                    + "timelineTime=" + (instance.timelineTime().isPresent() ? instance.timelineTime().getAsDouble() : "unknown") + "\n"
                    + "gain=" + instance.param(GainInvertEffect.GAIN).doubles()[0] + "\n"
                    + "mode=" + (instance.param(GainInvertEffect.MODE).ints()[0] == GainInvertEffect.MODE_INVERT ? "Invert" : "Normal") + "\n";
            instance.progressUpdate(0.5);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try {
                Files.writeString(tmp, report, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw new BadInputException(target, "cannot write the report: " + e.getMessage(), e);
            }
            instance.progressUpdate(1.0);
        } finally {
            instance.progressEnd();
        }
        instance.message(MessageSuite.MESSAGE, "Report written to " + target);
    }
}
