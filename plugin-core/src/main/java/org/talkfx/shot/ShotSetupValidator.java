package org.talkfx.shot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a bound setup and reports every problem at once, each with its JSON path (snake_case names as in the
 * file), so the panel can point at the field and the CLI can print them all.
 */
public final class ShotSetupValidator {
    static final double MAX_GAIN_DB = 24;
    static final double MIN_GAIN_DB = -60;
    static final int MAX_STEPS = 200;
    static final double MAX_GUIDANCE = 30;
    static final double MAX_MASK_PIXELS = 512;
    static final int MAX_PROMPT = 4000;

    private final List<String> problems = new ArrayList<>();

    private ShotSetupValidator() {
    }

    /** The problems, empty when the setup is usable. */
    public static List<String> problems(ShotSetup s) {
        ShotSetupValidator v = new ShotSetupValidator();
        v.check(s);
        return List.copyOf(v.problems);
    }

    /** Throws {@link InvalidShotSetupException} naming {@code file} when there are problems. */
    public static ShotSetup requireValid(Path file, ShotSetup s) {
        List<String> p = problems(s);
        if (!p.isEmpty()) {
            throw new InvalidShotSetupException(file, p, null);
        }
        return s;
    }

    private void check(ShotSetup s) {
        if (s.schemaVersion() == null) {
            problem("$.schema_version", "is missing");
        } else if (s.schemaVersion() != ShotSetup.CURRENT_VERSION) {
            problem("$.schema_version", "is " + s.schemaVersion() + ", expected " + ShotSetup.CURRENT_VERSION);
        }
        if (s.mode() == null) {
            problem("$.mode", "is missing (dub_video or animate_image)");
        }
        source(s.source());
        speakers(s.speakers());
        region(s.region());
        for (int i = 0; i < s.excludeRanges().size(); i++) {
            FrameRange r = s.excludeRanges().get(i);
            String p = "$.exclude_ranges[" + i + "]";
            if (r == null || r.start() == null || r.end() == null) {
                problem(p, "needs start and end frames");
            } else if (r.start() < 0 || r.end() <= r.start()) {
                problem(p, "must have 0 <= start < end, got [" + r.start() + ", " + r.end() + ")");
            }
        }
        generation(s.generation());
        if (s.modelDirectory() != null && s.modelDirectory().isBlank()) {
            problem("$.model_directory", "is blank (leave it out to use the configured model directory)");
        }
    }

    private void source(Source src) {
        if (src == null) {
            problem("$.source", "is missing");
            return;
        }
        if (src.media() == null || src.media().isBlank()) {
            problem("$.source.media", "is missing (the video or image file to regenerate)");
        }
        if (src.inFrame() < 0) {
            problem("$.source.in_frame", "must be >= 0, got " + src.inFrame());
        }
        if (src.outFrame() != null && src.outFrame() <= src.inFrame()) {
            problem("$.source.out_frame", "must be greater than in_frame (" + src.inFrame() + "), got " + src.outFrame());
        }
        if (src.fpsFallback() != null && !(src.fpsFallback() > 0 && src.fpsFallback() <= 240)) {
            problem("$.source.fps_fallback", "must be in (0, 240], got " + src.fpsFallback());
        }
    }

    private void speakers(List<Speaker> speakers) {
        if (speakers.isEmpty()) {
            problem("$.speakers", "needs at least one speaker");
        } else if (speakers.size() > ShotSetup.MAX_SPEAKERS) {
            problem("$.speakers", "has " + speakers.size() + " speakers; at most " + ShotSetup.MAX_SPEAKERS);
        }
        Set<Integer> faces = new HashSet<>();
        boolean anyEnabled = false;
        for (int i = 0; i < speakers.size(); i++) {
            Speaker sp = speakers.get(i);
            String p = "$.speakers[" + i + "]";
            if (sp == null) {
                problem(p, "is null");
                continue;
            }
            anyEnabled |= sp.enabled();
            if (sp.audio() == null || sp.audio().isBlank()) {
                problem(p + ".audio", "is missing (the speaker's audio file)");
            }
            if (!Double.isFinite(sp.offsetSeconds())) {
                problem(p + ".offset_seconds", "must be a finite number of seconds");
            }
            if (!(sp.gainDb() >= MIN_GAIN_DB && sp.gainDb() <= MAX_GAIN_DB)) {
                problem(p + ".gain_db", "must be between " + (int) MIN_GAIN_DB + " and " + (int) MAX_GAIN_DB + " dB, got " + sp.gainDb());
            }
            if (sp.audioIn() != null && !(sp.audioIn() >= 0 && Double.isFinite(sp.audioIn()))) {
                problem(p + ".audio_in", "must be a time >= 0 in seconds, got " + sp.audioIn());
            }
            if (sp.audioOut() != null && !(sp.audioOut() > (sp.audioIn() == null ? 0 : sp.audioIn()) && Double.isFinite(sp.audioOut()))) {
                problem(p + ".audio_out", "must be after audio_in (" + (sp.audioIn() == null ? 0.0 : sp.audioIn())
                        + " s), got " + sp.audioOut());
            }
            if (sp.faceTrack() != null) {
                if (sp.faceTrack() < 0) {
                    problem(p + ".face_track", "must be >= 0, got " + sp.faceTrack());
                } else if (sp.enabled() && !faces.add(sp.faceTrack())) {
                    problem(p + ".face_track", "face track " + sp.faceTrack() + " is already assigned to another speaker");
                }
            }
        }
        if (!speakers.isEmpty() && !anyEnabled) {
            problem("$.speakers", "all speakers are disabled; enable at least one");
        }
    }

    private void region(Region r) {
        if (!(r.feather() >= 0 && r.feather() <= MAX_MASK_PIXELS)) {
            problem("$.region.feather", "must be between 0 and " + (int) MAX_MASK_PIXELS + " pixels, got " + r.feather());
        }
        if (!(Math.abs(r.expand()) <= MAX_MASK_PIXELS)) {
            problem("$.region.expand", "must be between -" + (int) MAX_MASK_PIXELS + " and " + (int) MAX_MASK_PIXELS
                    + " pixels, got " + r.expand());
        }
        if (r.maskMedia() != null && r.kind() != RegionKind.MASK_CLIP) {
            problem("$.region.mask_media", "is only used with kind mask_clip (kind is "
                    + r.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    private void generation(Generation g) {
        if (g.steps() != null && (g.steps() < 1 || g.steps() > MAX_STEPS)) {
            problem("$.generation.steps", "must be between 1 and " + MAX_STEPS + ", got " + g.steps());
        }
        if (g.seed() != null && g.seed() < 0) {
            problem("$.generation.seed", "must be >= 0, got " + g.seed());
        }
        guidance("$.generation.text_guidance", g.textGuidance());
        guidance("$.generation.audio_guidance", g.audioGuidance());
        if (g.prompt() != null && g.prompt().length() > MAX_PROMPT) {
            problem("$.generation.prompt", "is " + g.prompt().length() + " characters; at most " + MAX_PROMPT);
        }
    }

    private void guidance(String path, Double value) {
        if (value != null && !(value >= 0 && value <= MAX_GUIDANCE)) {
            problem(path, "must be between 0 and " + (int) MAX_GUIDANCE + ", got " + value);
        }
    }

    private void problem(String path, String message) {
        problems.add(path + ": " + message);
    }
}
