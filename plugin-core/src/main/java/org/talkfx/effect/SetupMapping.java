package org.talkfx.effect;

import org.talkfx.shot.Generation;
import org.talkfx.shot.Mode;
import org.talkfx.shot.Preset;
import org.talkfx.shot.Region;
import org.talkfx.shot.RegionKind;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.Source;
import org.talkfx.shot.Speaker;

import java.util.ArrayList;
import java.util.List;

import static org.talkfx.effect.TalkFxParams.*;

/**
 * The effect's parameters to and from the shot setup document. Parameters show part of the document; what they do
 * not show (face tracks, audio trims, exclude ranges, source in/out, mask media, audio mode) is kept from the stored
 * document, so editing a parameter never loses what the panel set.
 */
public final class SetupMapping {
    private SetupMapping() {
    }

    /** The document the parameters describe, on top of {@code stored} (null: nothing stored yet). */
    public static ShotSetup fromParams(ParamValues p, ShotSetup stored) {
        List<Speaker> old = stored == null ? List.of() : stored.speakers();
        List<Speaker> speakers = new ArrayList<>();
        for (int i = 1; i <= SPEAKERS; i++) {
            String audio = p.string(speakerAudio(i)).trim();
            if (audio.isEmpty()) {
                continue;
            }
            Speaker before = speakers.size() < old.size() ? old.get(speakers.size()) : null;
            speakers.add(new Speaker(audio, p.number(speakerOffset(i)), p.number(speakerGain(i)),
                    p.flag(speakerEnabled(i)), before == null ? null : before.faceTrack(),
                    before == null ? null : before.audioIn(), before == null ? null : before.audioOut()));
        }
        Source oldSource = stored == null ? null : stored.source();
        double fps = p.number(FPS_FALLBACK);
        Source source = new Source(p.string(SOURCE_MEDIA).trim(), oldSource == null ? null : oldSource.inFrame(),
                oldSource == null ? null : oldSource.outFrame(), fps > 0 ? fps : null);
        RegionKind kind = RegionKind.values()[clamp(p.integer(REGION), RegionKind.values().length)];
        String maskMedia = kind == RegionKind.MASK_CLIP && stored != null ? stored.region().maskMedia() : null;
        Region region = new Region(kind, p.number(FEATHER), p.number(EXPAND), maskMedia);
        int steps = p.integer(STEPS);
        double text = p.number(TEXT_GUIDANCE);
        double audioGuidance = p.number(AUDIO_GUIDANCE);
        String prompt = p.string(PROMPT);
        Generation generation = new Generation(p.integer(PRESET) == 1 ? Preset.FINAL : Preset.DRAFT,
                steps > 0 ? steps : null, (long) p.integer(SEED), text >= 0 ? text : null,
                audioGuidance >= 0 ? audioGuidance : null, prompt.isBlank() ? null : prompt);
        String model = p.string(MODEL_DIR).trim();
        Mode mode = p.integer(MODE) == 1 ? Mode.ANIMATE_IMAGE : Mode.DUB_VIDEO;
        return new ShotSetup(ShotSetup.CURRENT_VERSION, mode, source, speakers, region,
                stored == null ? null : stored.excludeRanges(), generation, model.isEmpty() ? null : model,
                stored == null ? null : stored.audioMode());
    }

    /** Sets every parameter from the document (a setup file the panel changed, a stored document on open). */
    public static void toParams(ShotSetup s, ParamValues p) {
        p.setInteger(MODE, s.mode() == Mode.ANIMATE_IMAGE ? 1 : 0);
        for (int i = 1; i <= SPEAKERS; i++) {
            Speaker sp = i <= s.speakers().size() ? s.speakers().get(i - 1) : null;
            p.setString(speakerAudio(i), sp == null ? "" : sp.audio());
            p.setNumber(speakerOffset(i), sp == null ? 0 : sp.offsetSeconds());
            p.setNumber(speakerGain(i), sp == null ? 0 : sp.gainDb());
            p.setFlag(speakerEnabled(i), sp == null || sp.enabled());
        }
        p.setString(SOURCE_MEDIA, s.source() == null || s.source().media() == null ? "" : s.source().media());
        p.setNumber(FPS_FALLBACK, s.source() == null || s.source().fpsFallback() == null ? 0 : s.source().fpsFallback());
        p.setInteger(REGION, s.region().kind().ordinal());
        p.setNumber(FEATHER, s.region().feather());
        p.setNumber(EXPAND, s.region().expand());
        Generation g = s.generation();
        p.setInteger(PRESET, g.preset() == Preset.FINAL ? 1 : 0);
        p.setInteger(STEPS, g.steps() == null ? 0 : g.steps());
        p.setInteger(SEED, (int) Math.min(Integer.MAX_VALUE, g.effectiveSeed()));
        p.setNumber(TEXT_GUIDANCE, g.textGuidance() == null ? -1 : g.textGuidance());
        p.setNumber(AUDIO_GUIDANCE, g.audioGuidance() == null ? -1 : g.audioGuidance());
        p.setString(PROMPT, g.prompt() == null ? "" : g.prompt());
        p.setString(MODEL_DIR, s.modelDirectory() == null ? "" : s.modelDirectory());
    }

    private static int clamp(int index, int count) {
        return Math.max(0, Math.min(count - 1, index));
    }
}
