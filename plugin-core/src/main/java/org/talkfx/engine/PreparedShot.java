package org.talkfx.engine;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.AudioMode;
import org.talkfx.inference.pipeline.GenerationSettings;
import org.talkfx.inference.pipeline.Preset;
import org.talkfx.inference.pipeline.RenderRequest;
import org.talkfx.inference.pipeline.Resolution;
import org.talkfx.inference.pipeline.RgbImage;
import org.talkfx.inference.pipeline.SpeakerTimeline;
import org.talkfx.inference.pipeline.SpeakerTrack;
import org.talkfx.inference.pipeline.WindowPlan;
import org.talkfx.inference.sampler.GuidanceSettings;
import org.talkfx.media.AudioDecoder;
import org.talkfx.media.AudioRequest;
import org.talkfx.media.DecodedAudio;
import org.talkfx.media.Loudness;
import org.talkfx.media.MediaProbe;
import org.talkfx.media.StreamInfo;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoRequest;
import org.talkfx.service.ShotInputs;
import org.talkfx.shot.Generation;
import org.talkfx.shot.Mode;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.Speaker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A job's inputs decoded for the pipeline: the enabled speakers' audio (loudness-normalised, trimmed, with gain and
 * offset) and the window layout, which give the window count cheaply; {@link #request()} adds the source at 25 fps
 * from its in-frame and the generation settings the shot setup resolves to, when the shot is rendered.
 */
record PreparedShot(ShotInputs inputs, List<SpeakerTrack> speakers, AudioMode mode, WindowLayout layout,
                    int targetFrames) {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "webp", "tif", "tiff", "ppm");

    int windows() {
        return new WindowPlan(layout.frames(), layout.context(), targetFrames).windows();
    }

    static PreparedShot of(ShotInputs in) {
        ShotSetup setup = in.setup();
        List<SpeakerTrack> speakers = new ArrayList<>();
        List<Speaker> enabled = setup.enabledSpeakers();
        for (int i = 0; i < enabled.size(); i++) {
            speakers.add(track(in.audio().get(i), enabled.get(i)));
        }
        AudioMode mode = setup.audioMode() == org.talkfx.shot.AudioMode.ADD ? AudioMode.ADD : AudioMode.PARA;
        int audioFrames = SpeakerTimeline.of(speakers, mode).frames();
        if (audioFrames < 1) {
            throw new BadInputException(in.audio().get(0), "audio is shorter than one video frame (40 ms)");
        }
        return new PreparedShot(in, List.copyOf(speakers), mode, WindowLayout.forModel(in.modelDirectory()),
                audioFrames);
    }

    /** The pipeline's request: decodes the source (the expensive part, done when the shot is rendered). */
    RenderRequest request() {
        ShotSetup setup = inputs.setup();
        boolean image = setup.mode() == Mode.ANIMATE_IMAGE || isImage(inputs.source());
        List<RgbImage> source = decodeSource(inputs.source(), image, setup, targetFrames / 25.0 + 0.04);
        GenerationSettings settings = settings(setup.generation(), layout, targetFrames);
        Resolution resolution = WindowLayout.isTiny(inputs.modelDirectory()) ? tinyResolution(source.get(0))
                : Resolution.bucket480();
        return new RenderRequest(inputs.source(), source, image, speakers, mode, List.of(), null, 0, resolution,
                settings);
    }

    /** The tiny model generates at the source size rounded down to 16 (at most 128): seconds, not minutes. */
    private static Resolution tinyResolution(RgbImage first) {
        int w = Math.max(16, Math.min(128, first.width() / 16 * 16));
        int h = Math.max(16, Math.min(128, first.height() / 16 * 16));
        return Resolution.fixed(w, h);
    }

    private static GenerationSettings settings(Generation g, WindowLayout layout, int audioFrames) {
        Preset preset = g.preset() == org.talkfx.shot.Preset.FINAL ? Preset.FINAL : Preset.DRAFT;
        return preset.settings(false)
                .withWindow(layout.frames(), layout.context())
                .withSteps(g.effectiveSteps())
                .withSeed(g.effectiveSeed())
                .withGuidance(GuidanceSettings.of((float) g.effectiveTextGuidance(), (float) g.effectiveAudioGuidance()))
                .withPrompts(g.effectivePrompt().isBlank() ? null : g.effectivePrompt(), null)
                .withMaxFrames(audioFrames);
    }

    private static SpeakerTrack track(Path file, Speaker s) {
        DecodedAudio d = AudioDecoder.decode(file, AudioRequest.whole());
        float[] samples = Loudness.normalize(d).samples();
        int from = s.audioIn() == null ? 0 : (int) Math.min(samples.length, Math.round(s.audioIn() * d.sampleRate()));
        int to = s.audioOut() == null ? samples.length
                : (int) Math.min(samples.length, Math.round(s.audioOut() * d.sampleRate()));
        if (to - from < d.sampleRate() / 25) {
            throw new BadInputException(file, "the part that plays is shorter than one video frame (40 ms)");
        }
        float[] part = Arrays.copyOfRange(samples, from, to);
        // the trimmed part starts playing where the file's in-point falls on the shot's time
        double offset = s.offsetSeconds() + (s.audioIn() == null ? 0 : s.audioIn());
        return new SpeakerTrack(file, part, (float) Math.pow(10, s.gainDb() / 20), offset);
    }

    private static List<RgbImage> decodeSource(Path file, boolean image, ShotSetup setup, double seconds) {
        List<RgbImage> frames = new ArrayList<>();
        VideoRequest request;
        if (image) {
            request = VideoRequest.sourceFrames();
        } else {
            StreamInfo video = MediaProbe.probe(file).video()
                    .orElseThrow(() -> new BadInputException(file, "has no video stream"));
            double fps = video.fps() > 0 ? video.fps()
                    : setup.source().fpsFallback() != null ? setup.source().fpsFallback() : 25.0;
            double start = setup.source().inFrame() / fps;
            double duration = seconds;
            if (setup.source().outFrame() != null) {
                duration = Math.min(duration, (setup.source().outFrame() - setup.source().inFrame()) / fps);
            }
            request = VideoRequest.atModelRate().range(start, duration);
        }
        VideoDecoder.forEach(file, request, f -> {
            if (!image || frames.isEmpty()) {
                frames.add(new RgbImage(f.width(), f.height(), f.rgb()));
            }
        });
        if (frames.isEmpty()) {
            throw new BadInputException(file, "no picture could be decoded");
        }
        return frames;
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1));
    }
}
