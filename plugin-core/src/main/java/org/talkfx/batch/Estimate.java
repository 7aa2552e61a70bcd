package org.talkfx.batch;

import org.talkfx.cli.render.AudioSpec;
import org.talkfx.cli.render.RenderOptions;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.pipeline.AudioMode;
import org.talkfx.inference.pipeline.GenerationSettings;
import org.talkfx.inference.pipeline.WindowPlan;
import org.talkfx.media.AudioDecoder;
import org.talkfx.media.AudioRequest;
import org.talkfx.media.MediaInfo;
import org.talkfx.media.MediaProbe;
import org.talkfx.media.StreamInfo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code talkfx batch --estimate}: per shot the 25 fps frames the audio asks for, the streaming windows, the DiT
 * calls (windows x steps x guidance passes) and the VAE/CLIP calls, and an expected time from the speed profile
 * measured for that configuration. A configuration never measured is measured first by a quick run (one window of
 * the shot) unless that is switched off; then its time is reported as unknown.
 */
public final class Estimate {
    /** One shot's figures; {@code seconds} is null when no speed is known for its configuration. */
    public record Line(String id, int frames, int windows, int ditCalls, int vaeCalls, String profileKey,
                       Double seconds, String speedSource) {
    }

    private Estimate() {
    }

    /** The figures without timing: frames, windows and calls from the inputs' durations and the settings. */
    public static Line count(PreparedShot shot) {
        RenderOptions o = shot.options();
        GenerationSettings s = o.settings();
        double seconds = 0;
        double cursor = 0;
        for (AudioSpec a : o.audio()) {
            double d = AudioDecoder.decode(a.file(), AudioRequest.whole()).durationSeconds();
            double start = (o.mode() == AudioMode.ADD ? cursor : 0) + a.offsetSeconds();
            cursor = start + d;
            seconds = Math.max(seconds, cursor);
        }
        int frames = (int) Math.floor(seconds * 25 + 1e-9);
        if (s.maxFrames() > 0) {
            frames = Math.min(frames, s.maxFrames());
        }
        if (frames < 1) {
            throw new BadInputException(o.audio().get(0).file(), "shot " + shot.id() + ": audio shorter than one frame");
        }
        int windows = new WindowPlan(s.frames(), s.contextFrames(), frames).windows();
        int dit = windows * s.steps() * s.guidance().conditions().length;
        // per window: VAE encode of the reference (y) and of the context, VAE decode; CLIP once per window for video
        int vae = windows * 3;
        int[] size = generationSize(shot);
        String key = SpeedProfile.key(o.models() == null ? null : o.models().toString(), size[0], size[1],
                s.frames(), s.steps(), s.guidance().conditions().length);
        return new Line(shot.id(), frames, windows, dit, vae, key, null, null);
    }

    static int[] generationSize(PreparedShot shot) {
        MediaInfo info = MediaProbe.probe(shot.options().source());
        StreamInfo v = info.video().orElseThrow(() -> new BadInputException(shot.options().source(),
                "has no picture"));
        return shot.options().resolution().sizeFor(v.width(), v.height());
    }

    /** Adds times from the profile ({@code measure} may run a quick measurement for an unknown configuration). */
    public static Line timed(Line l, SpeedProfile profile, Function<String, Optional<SpeedProfile.Entry>> measure) {
        Optional<SpeedProfile.Entry> e = profile.get(l.profileKey());
        if (e.isEmpty()) {
            e = measure.apply(l.profileKey());
        }
        return e.map(p -> new Line(l.id(), l.frames(), l.windows(), l.ditCalls(), l.vaeCalls(), l.profileKey(),
                p.setupSeconds() + l.windows() * p.secondsPerWindow(), p.source() + ", " + p.updated()))
                .orElse(l);
    }

    public static void print(List<Line> lines, int workers, PrintStream out) {
        out.printf(Locale.ROOT, "%-24s %7s %7s %9s %8s %10s%n", "shot", "frames", "windows", "DiT calls", "VAE calls",
                "expected");
        double total = 0;
        boolean unknown = false;
        int frames = 0;
        int windows = 0;
        int calls = 0;
        for (Line l : lines) {
            out.printf(Locale.ROOT, "%-24s %7d %7d %9d %8d %10s%n", l.id(), l.frames(), l.windows(), l.ditCalls(),
                    l.vaeCalls(), l.seconds() == null ? "unknown" : BatchProgress.duration(l.seconds()));
            frames += l.frames();
            windows += l.windows();
            calls += l.ditCalls();
            if (l.seconds() == null) {
                unknown = true;
            } else {
                total += l.seconds();
            }
        }
        out.printf(Locale.ROOT, "%-24s %7d %7d %9d%n", "total", frames, windows, calls);
        out.printf(Locale.ROOT, "expected time: %s of generation%s; with %d worker%s about %s%n",
                BatchProgress.duration(total), unknown ? " (plus shots of unmeasured configurations)" : "", workers,
                workers == 1 ? "" : "s", BatchProgress.duration(total / Math.max(1, Math.min(workers, lines.size()))));
        lines.stream().filter(l -> l.speedSource() != null).map(l -> l.profileKey() + ": " + l.speedSource())
                .distinct().forEach(s -> out.println("speed: " + s));
    }
}
