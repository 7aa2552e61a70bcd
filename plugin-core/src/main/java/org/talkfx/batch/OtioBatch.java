package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.common.BadInputException;
import org.talkfx.shot.Speaker;
import org.talkfx.timeline.Composable;
import org.talkfx.timeline.MediaReference;
import org.talkfx.timeline.OtioReader;
import org.talkfx.timeline.PlacedItem;
import org.talkfx.timeline.RationalTime;
import org.talkfx.timeline.TimeRange;
import org.talkfx.timeline.Timeline;
import org.talkfx.timeline.TimelineSpeakers;
import org.talkfx.timeline.TrackKind;
import org.talkfx.media.MediaProbe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an edit ({@code .otio}) and a mapping file into the same plan a batch file gives: each clip of the mapping's
 * video track is a shot (its media from the clip's source in-point for the clip's duration, as the setup's
 * in_frame/out_frame), and the clips of the mapped audio tracks sounding during it are its speakers (each with its
 * own in-point, placed where the timeline plays it). Shots whose clips cannot become a setup get their error here;
 * all others go through {@link BatchPlan} unchanged.
 */
public final class OtioBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtioBatch() {
    }

    /** A shot of the timeline as a batch entry, or the reason it cannot be one. */
    record Converted(String id, BatchFile.Entry entry, String error) {
    }

    public static boolean isTimeline(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".otio");
    }

    public static List<BatchPlan.Planned> plan(Path otio, Path mappingFile, Path workDir, Map<String, Path> rootOverrides,
                                               Path models) {
        OtioMapping mapping = JobJson.read(mappingFile, OtioMapping.class, "OTIO mapping file");
        if (!OtioMapping.FORMAT.equals(mapping.format())) {
            throw new BadInputException(mappingFile, "format is '" + mapping.format() + "', expected "
                    + OtioMapping.FORMAT);
        }
        Timeline timeline = OtioReader.read(otio);
        List<Converted> shots = convert(timeline, mapping, mappingFile, rootOverrides);
        List<BatchFile.Entry> entries = shots.stream().filter(c -> c.entry() != null).map(Converted::entry).toList();
        List<BatchPlan.Planned> planned = entries.isEmpty() ? List.of() : BatchPlan.plan(mappingFile,
                new BatchFile(BatchFile.FORMAT, mapping.roots(), null, mapping.render(), entries), workDir,
                rootOverrides, models);
        List<BatchPlan.Planned> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < shots.size(); i++) {
            Converted c = shots.get(i);
            if (c.entry() == null) {
                out.add(new BatchPlan.Planned(i, c.id(), null, null, null, c.error()));
            } else {
                BatchPlan.Planned p = planned.get(next++);
                out.add(new BatchPlan.Planned(i, p.id(), p.job(), p.jobFile(), p.prepared(), p.error()));
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(otio, "no shots: the video track has no clips");
        }
        return out;
    }

    static List<Converted> convert(Timeline timeline, OtioMapping mapping, Path mappingFile,
                                   Map<String, Path> rootOverrides) {
        String videoTrack = track(timeline, TrackKind.VIDEO, mapping.videoTrack(), mappingFile, "video_track");
        if (mapping.speakers().isEmpty()) {
            throw new BadInputException(mappingFile, "speakers: map at least one audio track to speaker 1");
        }
        if (mapping.speakers().size() > 4) {
            throw new BadInputException(mappingFile, "speakers: " + mapping.speakers().size()
                    + " audio tracks mapped, at most 4 speakers");
        }
        List<String> speakerTracks = new ArrayList<>();
        for (int i = 0; i < mapping.speakers().size(); i++) {
            String t = track(timeline, TrackKind.AUDIO, mapping.speakers().get(i), mappingFile, "speakers[" + i + "]");
            if (speakerTracks.contains(t)) {
                throw new BadInputException(mappingFile, "speakers[" + i + "]: audio track \"" + t
                        + "\" is already speaker " + (speakerTracks.indexOf(t) + 1));
            }
            speakerTracks.add(t);
        }
        Roots roots = Roots.declared(mapping.roots(), mappingFile.toAbsolutePath().getParent()).with(rootOverrides);
        List<Converted> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Set<String> known = new HashSet<>(); // shot names and clip names the mapping's "shots" may use
        int index = 0;
        for (PlacedItem clip : timeline.clips(TrackKind.VIDEO)) {
            if (!videoTrack.equals(clip.trackName()) || !clip.enabled()) {
                continue;
            }
            index++;
            String name = shotName(clip, index);
            while (!used.add(name)) {
                name = name + "_" + index;
            }
            known.add(name);
            known.add(clip.name());
            OtioMapping.Shot s = mapping.shots().getOrDefault(name, mapping.shots().get(clip.name()));
            if (s != null && Boolean.TRUE.equals(s.skip())) {
                continue;
            }
            String lang = s != null && s.lang() != null ? s.lang() : mapping.lang();
            String id = lang == null ? name : name + "_" + lang;
            try {
                out.add(new Converted(id, entry(timeline, clip, name, lang, index, s, mapping, speakerTracks, roots,
                        mappingFile), null));
            } catch (BadInputException e) {
                out.add(new Converted(id, null, e.getMessage()));
            }
        }
        for (String name : mapping.shots().keySet()) {
            if (!known.contains(name)) {
                throw new BadInputException(mappingFile, "shots: no clip \"" + name + "\" on video track \""
                        + videoTrack + "\"");
            }
        }
        return out;
    }

    private static BatchFile.Entry entry(Timeline timeline, PlacedItem clip, String name, String lang, int index,
                                         OtioMapping.Shot s, OtioMapping mapping, List<String> speakerTracks,
                                         Roots roots, Path mappingFile) {
        String where = "clip \"" + clip.name() + "\" (" + clip.item().jsonPath() + ")";
        Path media = localMedia(timeline, clip, where);
        ObjectNode setup = JSON.createObjectNode();
        setup.put("schema_version", 1).put("mode", "dub_video");
        if (mapping.setup() != null) {
            setup.setAll(mapping.setup().deepCopy());
        }
        if (s != null && s.setup() != null) {
            setup.setAll(s.setup().deepCopy());
        }
        ObjectNode source = setup.putObject("source");
        source.put("media", ref(roots, media, timeline.file(), where));
        RationalTime shotStart = clip.timelineRange().start();
        double in = clip.sourceStart().minus(mediaOrigin(clip)).seconds();
        double length = clip.timelineRange().duration().seconds();
        if (Files.isRegularFile(media)) { // a missing file is reported by the plan, with the other inputs
            double fps = MediaProbe.probe(media).video().map(v -> v.fps())
                    .orElseThrow(() -> new BadInputException(media, "shot " + name + ": has no video stream"));
            long inFrame = Math.round(in * fps);
            source.put("in_frame", inFrame).put("out_frame", inFrame + Math.max(1, Math.round(length * fps)));
        }
        ArrayNode speakers = setup.putArray("speakers");
        TimeRange range = clip.timelineRange();
        for (int sp = 0; sp < speakerTracks.size(); sp++) {
            String track = speakerTracks.get(sp);
            List<PlacedItem> sounding = timeline.audioClipsOverlapping(range).stream()
                    .filter(p -> track.equals(p.trackName())).toList();
            if (sounding.size() > 1) {
                throw new BadInputException(timeline.file(), "shot " + name + ": " + sounding.size()
                        + " clips of audio track \"" + track + "\" (speaker " + (sp + 1) + ") sound during " + where
                        + "; a speaker takes one clip per shot (cut the shot there, or join the clips)");
            }
            if (sounding.isEmpty()) {
                // a listening speaker: silence keeps the speaker numbering of the mapping
                speakers.addObject().put("audio", "silence").put("enabled", false);
                continue;
            }
            PlacedItem a = sounding.get(0);
            Speaker sk = TimelineSpeakers.speakerFor(timeline, a, shotStart);
            Path audio = localMedia(timeline, a, "audio clip \"" + a.name() + "\" (" + a.item().jsonPath() + ")");
            // only the part that sounds during the shot
            double audioIn = sk.audioIn() + Math.max(0, -(sk.offsetSeconds() + sk.audioIn()));
            double audioOut = Math.min(sk.audioOut(), length - sk.offsetSeconds());
            speakers.addObject().put("audio", ref(roots, audio, timeline.file(), "audio clip \"" + a.name() + "\""))
                    .put("offset_seconds", sk.offsetSeconds()).put("audio_in", audioIn).put("audio_out", audioOut);
        }
        // disabled trailing/leading placeholders are dropped; a gap before a sounding speaker is refused
        trimSilent(speakers, name, timeline.file());
        String output = s != null && s.output() != null ? s.output() : mapping.output();
        if (output == null) {
            throw new BadInputException(mappingFile, "no output template (\"output\", e.g. \"out:{shot}_{lang}.mov\")");
        }
        output = output.replace("{index}", String.format(Locale.ROOT, "%03d", index));
        return new BatchFile.Entry(name, lang, setup, null, output, s == null ? null : s.render());
    }

    private static void trimSilent(ArrayNode speakers, String name, Path file) {
        int last = -1;
        for (int i = 0; i < speakers.size(); i++) {
            if (speakers.get(i).path("enabled").asBoolean(true)) {
                last = i;
            }
        }
        if (last < 0) {
            throw new BadInputException(file, "shot " + name + ": no mapped audio track sounds during it");
        }
        for (int i = speakers.size() - 1; i > last; i--) {
            speakers.remove(i);
        }
        for (int i = 0; i < speakers.size(); i++) {
            if (!speakers.get(i).path("enabled").asBoolean(true)) {
                throw new BadInputException(file, "shot " + name + ": speaker " + (i + 1) + " is silent during it "
                        + "but speaker " + (last + 1) + " speaks (file renders number speakers without gaps)");
            }
        }
    }

    private static RationalTime mediaOrigin(PlacedItem clip) {
        return clip.media() instanceof MediaReference.External e && e.availableRange() != null
                ? e.availableRange().start() : RationalTime.zero(1);
    }

    private static Path localMedia(Timeline timeline, PlacedItem clip, String where) {
        if (!(clip.media() instanceof MediaReference.External ext) || ext.path() == null) {
            throw new BadInputException(timeline.file(), where + " has no local media file ("
                    + (clip.media() == null ? "no media reference" : clip.media().getClass().getSimpleName()) + ")");
        }
        return ext.path().toAbsolutePath().normalize();
    }

    /** A media file as {@code root:relative} under the first declared root that holds it. */
    private static String ref(Roots roots, Path file, Path timelineFile, String where) {
        for (Map.Entry<String, Path> r : roots.asMap().entrySet()) {
            if (file.startsWith(r.getValue())) {
                return r.getKey() + ":" + r.getValue().relativize(file).toString().replace('\\', '/');
            }
        }
        throw new BadInputException(file, where + " in " + timelineFile.getFileName() + " lies outside the "
                + "mapping's roots " + roots.asMap().keySet() + " (declare a root that holds it)");
    }

    /** The clip's name made a valid shot name, else shot_NNN. */
    private static String shotName(PlacedItem clip, int index) {
        String n = clip.name() == null ? "" : clip.name().replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^[^A-Za-z0-9]+", "");
        if (n.isEmpty()) {
            return String.format(Locale.ROOT, "shot_%03d", index);
        }
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    private static String track(Timeline timeline, TrackKind kind, JsonNode which, Path mappingFile, String field) {
        List<String> names = new ArrayList<>();
        for (Composable c : timeline.tracks().children()) {
            if (c instanceof Composable.Track t && t.kind() == kind) {
                names.add(t.name());
            }
        }
        String what = kind.name().toLowerCase(Locale.ROOT);
        if (names.isEmpty()) {
            throw new BadInputException(timeline.file(), "has no " + what + " track (the mapping's " + field
                    + " needs one)");
        }
        if (which == null || which.isNull()) {
            return names.get(0);
        }
        if (which.isInt()) {
            int i = which.asInt();
            if (i < 0 || i >= names.size()) {
                throw new BadInputException(mappingFile, field + ": " + what + " track index " + i + " does not exist in "
                        + timeline.file().getFileName() + " (it has " + names.size() + ": " + names + ")");
            }
            return names.get(i);
        }
        String name = which.asText();
        if (!names.contains(name)) {
            throw new BadInputException(mappingFile, field + ": no " + what + " track \"" + name + "\" in "
                    + timeline.file().getFileName() + " (" + what + " tracks: " + names + ")");
        }
        return name;
    }
}
