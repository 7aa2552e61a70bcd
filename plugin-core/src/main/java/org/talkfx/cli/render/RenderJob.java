package org.talkfx.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.GenerationSettings;
import org.talkfx.inference.pipeline.Pipeline;
import org.talkfx.inference.pipeline.RenderRequest;
import org.talkfx.inference.pipeline.RenderResult;
import org.talkfx.inference.pipeline.RgbImage;
import org.talkfx.inference.pipeline.SpeakerRegion;
import org.talkfx.inference.pipeline.SpeakerTrack;
import org.talkfx.inference.pipeline.TinyModel;
import org.talkfx.media.AudioDecoder;
import org.talkfx.media.AudioRequest;
import org.talkfx.media.DecodedAudio;
import org.talkfx.media.EncodeSettings;
import org.talkfx.media.Loudness;
import org.talkfx.media.MediaFiles;
import org.talkfx.media.MediaInfo;
import org.talkfx.media.MediaProbe;
import org.talkfx.media.OutputFormat;
import org.talkfx.media.PcmAudio;
import org.talkfx.media.StreamInfo;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoEncoder;
import org.talkfx.media.VideoFrame;
import org.talkfx.media.VideoRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A command-line render from files to files: decode and normalise the audio, decode the source at 25 fps, generate,
 * map back to the source rate (and composite onto the source for head-only runs), encode with the audio, and write
 * the JSON report. Output and report are written under temporary names and renamed only on success.
 */
public final class RenderJob {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "webp", "tif", "tiff");

    private final RenderOptions o;
    private final PrintStream console;
    private final AtomicBoolean cancelled;
    private final RenderHooks hooks;

    public RenderJob(RenderOptions options, PrintStream console, AtomicBoolean cancelled) {
        this(options, console, cancelled, RenderHooks.NONE);
    }

    public RenderJob(RenderOptions options, PrintStream console, AtomicBoolean cancelled, RenderHooks hooks) {
        this.o = options;
        this.console = console;
        this.cancelled = cancelled;
        this.hooks = hooks;
    }

    /** Runs the job; returns the report it wrote. */
    public ObjectNode run() {
        long t0 = System.nanoTime();
        MediaFiles.requireReadableFile(o.source());
        MediaFiles.requireWritableTarget(o.out());
        OutputFormat format = outputFormat(o.out());
        List<SpeakerTrack> speakers = loadAudio();
        double audioSeconds = 0;
        for (SpeakerTrack s : speakers) {
            audioSeconds = Math.max(audioSeconds, s.offsetSeconds() + s.samples16k().length / 16000.0);
        }
        boolean image = isImage(o.source());
        if (image && o.headOnly()) {
            throw new BadInputException(o.source(), "head-only redubbing needs a video source, not an image");
        }
        StreamInfo video = image ? null : probeVideo(o.source());
        double sourceFps = image ? 25.0 : video.fps();
        List<RgbImage> source25 = decodeSource(image, audioSeconds);
        long tDecoded = System.nanoTime();

        RgbImage first = source25.get(0);
        RenderRequest.RegionMaskSource headMasks = o.headOnly() ? keep(headMasks(first.width(), first.height()),
                first.width() * first.height()) : null;
        List<SpeakerRegion> regions = new ArrayList<>();
        for (int[] b : o.speakerBoxes()) {
            regions.add(box(first, b, "--speaker-box"));
        }
        RenderRequest request = new RenderRequest(o.source(), source25, image, speakers, o.mode(), regions, headMasks,
                o.feather(), o.resolution(), o.settings());
        ConsoleProgress progress = new ConsoleProgress(console, cancelled);
        RenderHooks.Observed listener = new RenderHooks.Observed(progress, hooks.observer());
        RenderResult result;
        String modelDir;
        if (o.models() == null) {
            console.println("note: no --models given: using the built-in tiny random model (it shows the pipeline "
                    + "working, it cannot lip-sync)");
        }
        Path models = o.models() == null ? TinyModel.write(tinyModelDir(), 7) : o.models();
        Pipeline shared = hooks.sharedPipeline(models, o.settings().speedLora());
        try (Pipeline owned = shared == null ? Pipeline.open(models, talkfxHome().resolve("prompt-cache"),
                o.settings().speedLora(), progress::warn, hooks.device()) : null) {
            Pipeline pipeline = shared != null ? shared : owned;
            modelDir = o.models() == null ? "built-in tiny random model" : o.models().toString();
            result = pipeline.render(request, o.settings().seed(), listener, hooks.windowStore(pipeline.modelId()));
        }
        progress.finish("generated " + result.frames().size() + " frames in " + result.windows() + " windows");
        long tGenerated = System.nanoTime();

        double outFps = image ? 25.0 : sourceFps;
        int[] rate = rational(outFps);
        long written = encode(result, format, rate, image);
        long tEncoded = System.nanoTime();
        ObjectNode report = report(result, listener.restored(), modelDir, outFps, written, sourceFps, image,
                new double[]{(tDecoded - t0) / 1e9, (tGenerated - tDecoded) / 1e9, (tEncoded - tGenerated) / 1e9});
        writeReport(report);
        console.println("wrote " + o.out() + " (" + written + " frames at " + fmt(outFps) + " fps) and " + o.report());
        return report;
    }

    /** Where the built-in tiny model is written once and reused. */
    static Path tinyModelDir() {
        // versioned: a folder written by an older layout of the tiny model is never picked up
        return talkfxHome().resolve("tiny-model-v1");
    }

    /** TalkFX's per-user folder (tiny model, prompt cache): -Dtalkfx.home, else ~/.talkfx. */
    public static Path talkfxHome() {
        return Path.of(System.getProperty("talkfx.home", System.getProperty("user.home") + "/.talkfx"));
    }

    private List<SpeakerTrack> loadAudio() {
        if (o.audio().isEmpty()) {
            throw new BadInputException("no --audio given");
        }
        SpeakerTrack[] bySpeaker = new SpeakerTrack[4];
        int next = 1;
        for (AudioSpec a : o.audio()) {
            int speaker = a.speaker() > 0 ? a.speaker() : next;
            if (speaker > 4) {
                throw new BadInputException(a.file(), "more than 4 speakers");
            }
            if (bySpeaker[speaker - 1] != null) {
                throw new BadInputException(a.file(), "speaker " + speaker + " already has audio ("
                        + bySpeaker[speaker - 1].file() + ")");
            }
            next = speaker + 1;
            if (a.silenceSeconds() > 0) {
                // a listening speaker: wav2vec2 sees silence, as WanVideoWrapper's silent embeds
                bySpeaker[speaker - 1] = new SpeakerTrack(a.file(), new float[(int) (a.silenceSeconds() * 16000)], 1f,
                        a.offsetSeconds());
                continue;
            }
            MediaFiles.requireReadableFile(a.file());
            DecodedAudio d = AudioDecoder.decode(a.file(), a.trimmed()
                    ? AudioRequest.range(a.inSeconds(), a.durationSeconds()) : AudioRequest.whole());
            if (d.sampleRate() != AudioRequest.MODEL_RATE) {
                throw new BadInputException(a.file(), "decoded at " + d.sampleRate() + " Hz, expected "
                        + AudioRequest.MODEL_RATE + " Hz");
            }
            if (d.samples().length < AudioRequest.MODEL_RATE / 25) {
                throw new BadInputException(a.file(), "audio is shorter than one video frame (40 ms)");
            }
            float[] samples = o.loudness() ? Loudness.normalize(d).samples() : d.samples();
            double gainDb = o.gainsDb().getOrDefault(speaker, 0.0);
            bySpeaker[speaker - 1] = new SpeakerTrack(a.file(), samples, (float) Math.pow(10, gainDb / 20),
                    a.offsetSeconds());
        }
        List<SpeakerTrack> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (bySpeaker[i] != null) {
                if (out.size() != i) {
                    throw new BadInputException("speaker " + (i + 1) + " has audio but speaker " + i + " has none");
                }
                out.add(bySpeaker[i]);
            }
        }
        return out;
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1));
    }

    private static StreamInfo probeVideo(Path file) {
        MediaInfo info = MediaProbe.probe(file);
        return info.video().orElseThrow(() -> new BadInputException(file, "has no video stream"));
    }

    private List<RgbImage> decodeSource(boolean image, double audioSeconds) {
        List<RgbImage> frames = new ArrayList<>();
        VideoRequest request = image ? VideoRequest.sourceFrames()
                : VideoRequest.atModelRate().range(o.sourceStart(), Math.min(audioSeconds + 0.04, o.sourceLength()));
        VideoDecoder.forEach(o.source(), request, f -> {
            if (!image || frames.isEmpty()) {
                frames.add(new RgbImage(f.width(), f.height(), f.rgb()));
            }
        });
        if (frames.isEmpty()) {
            throw new BadInputException(o.source(), "no picture could be decoded");
        }
        return frames;
    }

    private RenderRequest.RegionMaskSource headMasks(int w, int h) {
        if (o.headBoxes().isEmpty() && o.headMask() == null) {
            throw new BadInputException("--head-only needs --head-box or --head-mask (where the heads are)");
        }
        if (o.headMask() != null) {
            Path m = o.headMask();
            List<Path> files;
            if (Files.isDirectory(m)) {
                try (Stream<Path> s = Files.list(m)) {
                    files = s.filter(RenderJob::isImage).sorted().toList();
                } catch (IOException e) {
                    throw new BadInputException(m, "cannot list the mask folder: " + e.getMessage(), e);
                }
                if (files.isEmpty()) {
                    throw new BadInputException(m, "mask folder holds no pictures");
                }
            } else {
                files = List.of(MediaFiles.requireReadableFile(m));
            }
            List<float[]> planes = new ArrayList<>();
            for (Path f : files) {
                planes.add(maskPlane(f, w, h));
            }
            return i -> planes.get(Math.min(i, planes.size() - 1));
        }
        float[] union = new float[w * h];
        RgbImage shape = new RgbImage(w, h, new byte[3 * w * h]);
        for (int[] b : o.headBoxes()) {
            float[] p = box(shape, b, "--head-box").at(0);
            for (int i = 0; i < union.length; i++) {
                union[i] = Math.max(union[i], p[i]);
            }
        }
        return i -> union;
    }

    /** Frames inside a --keep-source range get an all-zero mask: the composite copies the source there. */
    private RenderRequest.RegionMaskSource keep(RenderRequest.RegionMaskSource masks, int pixels) {
        if (o.keepSource().isEmpty()) {
            return masks;
        }
        float[] none = new float[pixels];
        return i -> {
            double t = i / 25.0;
            for (double[] range : o.keepSource()) {
                if (t >= range[0] && t < range[1]) {
                    return none;
                }
            }
            return masks.at(i);
        };
    }

    private static float[] maskPlane(Path file, int w, int h) {
        VideoFrame[] first = new VideoFrame[1];
        VideoDecoder.forEach(file, VideoRequest.sourceFrames(), f -> {
            if (first[0] == null) {
                first[0] = f;
            }
        });
        VideoFrame f = first[0];
        if (f == null) {
            throw new BadInputException(file, "mask picture could not be decoded");
        }
        if (f.width() != w || f.height() != h) {
            throw new BadInputException(file, "mask is " + f.width() + "x" + f.height() + ", the source is " + w + "x"
                    + h);
        }
        float[] plane = new float[w * h];
        boolean any = false;
        for (int p = 0; p < plane.length; p++) {
            int lum = (f.rgb()[3 * p] & 0xff) + (f.rgb()[3 * p + 1] & 0xff) + (f.rgb()[3 * p + 2] & 0xff);
            plane[p] = lum > 3 * 127 ? 1f : 0f;
            any |= plane[p] > 0;
        }
        if (!any) {
            throw new BadInputException(file, "mask is empty (no white pixels)");
        }
        return plane;
    }

    private SpeakerRegion box(RgbImage frame, int[] b, String option) {
        try {
            return SpeakerRegion.box(frame.width(), frame.height(), b[0], b[1], b[2], b[3]);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(o.source(), option + ": " + e.getMessage());
        }
    }

    private long encode(RenderResult result, OutputFormat format, int[] rate, boolean image) {
        boolean composite = result.headOnly();
        int width = composite ? result.crop().sourceWidth() : result.frames().get(0).width();
        int height = composite ? result.crop().sourceHeight() : result.frames().get(0).height();
        double fps = rate[0] / (double) rate[1];
        int frames = result.outputFrames(fps);
        EncodeSettings settings;
        try {
            settings = new EncodeSettings(format, width, height, rate[0], rate[1], null,
                    PcmAudio.mono(result.mix16k(), 16000), frames, 18, "medium");
        } catch (IllegalArgumentException e) {
            throw new BadInputException(o.source(), e.getMessage() + " (write a PNG sequence: --out <folder>)");
        }
        try (VideoEncoder encoder = VideoEncoder.open(o.out(), settings, (n, total) -> {
            if (n % 10 == 0 || n == total) {
                console.printf("\rencoding %d/%d", n, total);
            }
        })) {
            if (!composite) {
                for (int j = 0; j < frames; j++) {
                    checkCancel();
                    encoder.write(result.frames().get(result.indexAt(j, fps)).rgb());
                }
            } else {
                try (VideoDecoder src = VideoDecoder.open(o.source(),
                        VideoRequest.sourceFrames().range(o.sourceStart(), o.sourceLength()))) {
                    RgbImage last = null;
                    for (int j = 0; j < frames; j++) {
                        checkCancel();
                        if (src.hasNext()) {
                            VideoFrame f = src.next();
                            last = new RgbImage(f.width(), f.height(), f.rgb());
                        }
                        encoder.write(result.finalFrame(result.indexAt(j, fps), last).rgb());
                    }
                }
            }
            encoder.finish();
            console.println();
            return encoder.framesWritten();
        }
    }

    private void checkCancel() {
        if (cancelled.get()) {
            throw new org.talkfx.inference.pipeline.GenerationCancelledException("while encoding");
        }
    }

    private ObjectNode report(RenderResult r, int restored, String modelDir, double outFps, long written, double sourceFps,
                              boolean image, double[] seconds) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("tool", "talkfx render");
        root.put("source", o.source().toString());
        root.put("source_kind", image ? "image" : "video");
        if (!image) {
            root.put("source_fps", sourceFps);
            if (o.sourceStart() > 0 || Double.isFinite(o.sourceLength())) {
                root.put("source_start_s", o.sourceStart()).put("source_length_s", o.sourceLength());
            }
        }
        ArrayNode audio = root.putArray("audio");
        for (AudioSpec a : o.audio()) {
            ObjectNode n = audio.addObject().put("file", a.file().toString()).put("speaker", a.speaker())
                    .put("offset_s", a.offsetSeconds());
            if (a.trimmed()) {
                n.put("in_s", a.inSeconds()).put("duration_s", a.durationSeconds());
            }
        }
        root.put("output", o.out().toString());
        root.put("model", r.modelId());
        root.put("model_dir", modelDir);
        GenerationSettings s = o.settings();
        ObjectNode set = root.putObject("settings");
        set.put("window_frames", s.frames()).put("context_frames", s.contextFrames()).put("steps", s.steps())
                .put("shift", s.shift()).put("solver", s.solver().name().toLowerCase(Locale.ROOT))
                .put("text_scale", s.guidance().textScale()).put("audio_scale", s.guidance().audioScale())
                .put("apg", s.guidance().apg()).put("color_strength", s.colorStrength()).put("seed", s.seed())
                .put("max_frames", s.maxFrames()).put("end_padding", s.endPadding().name().toLowerCase(Locale.ROOT))
                .put("prompt", s.prompt()).put("negative_prompt", s.negativePrompt())
                .put("speed_lora_expected", s.speedLora()).put("audio_mode", o.mode().name().toLowerCase(Locale.ROOT))
                .put("loudness_normalisation", o.loudness()).put("resolution", o.resolution().name())
                .put("head_only", o.headOnly()).put("feather_px", o.feather());
        ObjectNode frames = root.putObject("frames");
        frames.put("generated_25fps", r.frames().size()).put("windows", r.windows()).put("windows_from_cache", restored)
                .put("output", written)
                .put("output_fps", outFps).put("generation_width", r.crop().width())
                .put("generation_height", r.crop().height());
        ObjectNode timings = root.putObject("timings_s");
        timings.put("decode", round(seconds[0])).put("generate", round(seconds[1])).put("encode", round(seconds[2]));
        ArrayNode warnings = root.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return root;
    }

    private void writeReport(ObjectNode report) {
        Path tmp = o.report().resolveSibling(o.report().getFileName() + ".tmp");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), report);
            Files.move(tmp, o.report(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException(o.report(), "cannot write the report: " + e.getMessage(), e);
        }
    }

    private static OutputFormat outputFormat(Path out) {
        try {
            return OutputFormat.forFileName(out.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(out, e.getMessage());
        }
    }

    /** A frame rate as num/den: integers as n/1, NTSC rates as n·1000/1001, anything else in thousandths. */
    static int[] rational(double fps) {
        long rounded = Math.round(fps);
        if (Math.abs(fps - rounded) < 1e-3) {
            return new int[]{(int) rounded, 1};
        }
        long ntsc = Math.round(fps * 1001 / 1000);
        if (Math.abs(ntsc * 1000.0 / 1001 - fps) < 1e-3) {
            return new int[]{(int) (ntsc * 1000), 1001};
        }
        return new int[]{(int) Math.round(fps * 1000), 1000};
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static int[] parseBox(String text) {
        int[] b = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        if (b.length != 4) {
            throw new IllegalArgumentException("a box is x0,y0,x1,y1 in source pixels, got '" + text + "'");
        }
        return b;
    }
}
