package org.talkfx.shot;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one shot needs to be generated: the document the panel edits, the effect reads, and jobs carry.
 * Stored as JSON with snake_case names ({@code docs/shot-setup.md}); read and written by {@link ShotSetupFile},
 * checked by {@link ShotSetupValidator}. Relative paths in it are relative to the folder of the setup file.
 */
public record ShotSetup(Integer schemaVersion, Mode mode, Source source, List<Speaker> speakers, Region region,
                        List<FrameRange> excludeRanges, Generation generation, String modelDirectory,
                        AudioMode audioMode) {
    public static final int CURRENT_VERSION = 1;
    public static final int MAX_SPEAKERS = 4;

    public ShotSetup {
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
        excludeRanges = excludeRanges == null ? List.of() : List.copyOf(excludeRanges);
        if (region == null) {
            region = new Region(null, null, null, null);
        }
        if (generation == null) {
            generation = new Generation(null, null, null, null, null, null);
        }
        if (audioMode == null) {
            audioMode = AudioMode.PARA;
        }
    }

    /** A current-version setup with default region, generation and audio mode. */
    public static ShotSetup of(Mode mode, Source source, List<Speaker> speakers) {
        return new ShotSetup(CURRENT_VERSION, mode, source, speakers, null, null, null, null, null);
    }

    public List<Speaker> enabledSpeakers() {
        return speakers.stream().filter(Speaker::enabled).toList();
    }

    /**
     * What decides the generated pixels, with presets resolved; compositing-only settings (region feather and
     * expand) are left out so that changing them never invalidates generated frames.
     */
    public GenerationSettings generationSettings() {
        return new GenerationSettings(mode, source.inFrame(), source.outFrame(), source.fpsFallback(),
                speakers.stream().filter(Speaker::enabled)
                        .map(s -> new GenerationSettings.Voice(s.offsetSeconds(), s.gainDb(), s.faceTrack(),
                                s.audioIn(), s.audioOut())).toList(),
                region.kind() == RegionKind.HEADS_ONLY, excludeRanges, generation.effectiveSteps(),
                generation.effectiveSeed(), generation.effectiveTextGuidance(), generation.effectiveAudioGuidance(),
                generation.effectivePrompt(), audioMode, region.kind() == RegionKind.HEADS_ONLY
                        ? new GenerationSettings.HeadArea(region.feather(), region.expand()) : null);
    }

    /** A path written in the setup, made absolute against the folder of the setup file. */
    public static Path resolve(Path setupDir, String path) {
        return path == null ? null : setupDir.resolve(path).normalize();
    }

    public ShotSetup withSpeakers(List<Speaker> newSpeakers) {
        return new ShotSetup(schemaVersion, mode, source, newSpeakers, region, excludeRanges, generation,
                modelDirectory, audioMode);
    }

    public ShotSetup withGeneration(Generation newGeneration) {
        return new ShotSetup(schemaVersion, mode, source, speakers, region, excludeRanges, newGeneration,
                modelDirectory, audioMode);
    }

    public ShotSetup withRegion(Region newRegion) {
        return new ShotSetup(schemaVersion, mode, source, speakers, newRegion, excludeRanges, generation,
                modelDirectory, audioMode);
    }
}
