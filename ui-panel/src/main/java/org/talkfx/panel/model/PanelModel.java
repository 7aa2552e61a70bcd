package org.talkfx.panel.model;

import org.talkfx.shot.AudioMode;
import org.talkfx.shot.FrameRange;
import org.talkfx.shot.Region;
import org.talkfx.shot.RegionKind;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.shot.ShotSetupValidator;
import org.talkfx.shot.Source;
import org.talkfx.shot.Speaker;
import org.talkfx.timeline.Composable;
import org.talkfx.timeline.OtioReader;
import org.talkfx.timeline.PlacedItem;
import org.talkfx.timeline.RationalTime;
import org.talkfx.timeline.TimeRange;
import org.talkfx.timeline.Timeline;
import org.talkfx.timeline.TrackKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything the panel edits, without Swing: the shot setup being built, the imported timeline and its lanes, which
 * clip speaks for speakers 1-4, which face track each speaker drives, audio mode, region and exclude ranges.
 * Views observe it through {@link #addListener}; every mutation fires one {@link Change}. Confined to one thread
 * (the event thread in the panel); background work hands its results back there.
 */
public final class PanelModel {
    public enum Change { DOCUMENT, SAVED, TIMELINE, LANES, SPEAKERS, REGION, EXCLUDES, PLAYHEAD, AUDIO_MODE }

    public static final String ADDED_LANE = "Added audio";
    public static final String SETUP_LANE = "Shot setup";
    /** Offsets closer than this are the same placement (when matching a loaded setup against a timeline). */
    private static final double SAME_OFFSET = 1e-3;

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final ShotSetupFile files = new ShotSetupFile();
    private Path setupFile;
    private ShotSetup base;
    private Timeline timeline;
    private TimeRange effectRange;
    private List<Lane> timelineLanes = List.of();
    private final List<LaneClip> added = new ArrayList<>();
    private final List<LaneClip> fromSetup = new ArrayList<>();
    private final SpeakerSlot[] slots = new SpeakerSlot[ShotSetup.MAX_SPEAKERS];
    private AudioMode audioMode;
    private Region region;
    private List<FrameRange> excludes;
    private long playheadFrame;
    /** The setup as last opened or saved: the model is dirty while {@link #toSetup()} differs from it. */
    private ShotSetup clean;

    /** A model on {@code base} (e.g. a new setup for a source) that has not been saved anywhere yet. */
    public PanelModel(ShotSetup base) {
        reset(null, base);
    }

    public static PanelModel forSource(Path sourceMedia, double fps) {
        return new PanelModel(ShotSetup.of(isImage(sourceMedia) ? org.talkfx.shot.Mode.ANIMATE_IMAGE : org.talkfx.shot.Mode.DUB_VIDEO,
                new Source(sourceMedia.toAbsolutePath().normalize().toString(), null, null, fps), List.of()));
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    public void addListener(Consumer<Change> l) {
        listeners.add(l);
    }

    private void fire(Change c) {
        listeners.forEach(l -> l.accept(c));
    }

    // ---- document -------------------------------------------------------------------------------------------

    /** Opens a setup file (validated by {@link ShotSetupFile}); its speakers become clips of the "Shot setup" lane. */
    public void open(Path file) {
        open(file, files.load(file));
    }

    /** Takes a setup already read from {@code file} (e.g. on a worker thread). */
    public void open(Path file, ShotSetup loaded) {
        reset(file.toAbsolutePath().normalize(), loaded);
    }

    private void reset(Path file, ShotSetup s) {
        setupFile = file;
        base = s;
        Arrays.fill(slots, SpeakerSlot.empty());
        fromSetup.clear();
        Path dir = setupDir();
        for (int i = 0; i < s.speakers().size() && i < slots.length; i++) {
            Speaker sp = s.speakers().get(i);
            Path media = ShotSetup.resolve(dir, sp.audio());
            LaneClip c = new LaneClip("setup:" + i, media.getFileName().toString(), SETUP_LANE, TrackKind.AUDIO, null,
                    sp.offsetSeconds(), media, Files.isRegularFile(media) ? null : "media missing: " + media);
            fromSetup.add(c);
            slots[i] = new SpeakerSlot(c, sp.gainDb(), sp.enabled(), sp.faceTrack());
        }
        audioMode = s.audioMode();
        region = s.region();
        excludes = new ArrayList<>(s.excludeRanges());
        playheadFrame = s.source().inFrame();
        clean = toSetup();
        fire(Change.DOCUMENT);
    }

    /** Validates and writes atomically (previous version kept as .bak); relative paths follow the new folder. */
    public void save(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        ShotSetup s = toSetup(target.getParent());
        files.save(target, s);
        setupFile = target;
        base = s;
        clean = s;
        fire(Change.SAVED);
    }

    public Path setupFile() {
        return setupFile;
    }

    /** True when saving would write something other than what was last opened or saved. */
    public boolean dirty() {
        return !toSetup().equals(clean);
    }

    /** The folder relative paths are resolved against: the setup file's, else the working directory. */
    public Path setupDir() {
        return setupFile != null ? setupFile.getParent() : Path.of("").toAbsolutePath();
    }

    public ShotSetup base() {
        return base;
    }

    /** The setup as it would be saved next to {@link #setupFile()}. */
    public ShotSetup toSetup() {
        return toSetup(setupDir());
    }

    /** The setup with its paths written relative to {@code dir} where they lie under it, absolute otherwise. */
    public ShotSetup toSetup(Path dir) {
        Path oldDir = setupDir();
        List<Speaker> speakers = new ArrayList<>();
        for (SpeakerSlot s : slots) {
            if (!s.isEmpty()) {
                String audio = s.clip().media() == null ? s.clip().name() : relative(dir, s.clip().media());
                speakers.add(new Speaker(audio, round(s.clip().offsetSeconds()), s.gainDb(), s.enabled(), s.faceTrack()));
            }
        }
        Source src = base.source();
        Source source = new Source(rebase(src.media(), oldDir, dir), src.inFrame(), src.outFrame(), src.fpsFallback());
        Region r = new Region(region.kind(), region.feather(), region.expand(),
                region.kind() == RegionKind.MASK_CLIP ? rebase(region.maskMedia(), oldDir, dir) : null);
        return new ShotSetup(ShotSetup.CURRENT_VERSION, base.mode(), source, speakers, r, List.copyOf(excludes),
                base.generation(), rebase(base.modelDirectory(), oldDir, dir), audioMode);
    }

    /** Microsecond precision is plenty for placement and keeps saved files readable. */
    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }

    private static String rebase(String path, Path oldDir, Path newDir) {
        if (path == null) {
            return null;
        }
        Path p = Path.of(path);
        return p.isAbsolute() ? relative(newDir, p) : relative(newDir, oldDir.resolve(p).normalize());
    }

    private static String relative(Path dir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return dir != null && abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
    }

    // ---- timeline -------------------------------------------------------------------------------------------

    /**
     * Imports an OTIO file (non-fatal problems land in {@link #importIssues()}); the effect clip is the first video
     * clip using the setup's source media, else the whole timeline. Speakers loaded from the setup whose file and
     * offset match a timeline clip are moved onto that clip.
     */
    public void importTimeline(Path otio) {
        useTimeline(OtioReader.read(otio));
    }

    /** Takes a timeline already imported (e.g. on a worker thread); see {@link #importTimeline}. */
    public void useTimeline(Timeline tl) {
        timeline = tl;
        effectRange = defaultEffectRange(tl);
        relayout();
        fire(Change.TIMELINE);
    }

    private TimeRange defaultEffectRange(Timeline tl) {
        String sourceName = base.source().media() == null ? null : Path.of(base.source().media()).getFileName().toString();
        for (PlacedItem p : effectCandidates(tl)) {
            Path media = p.media() instanceof org.talkfx.timeline.MediaReference.External e ? e.path() : null;
            if (media != null && media.getFileName() != null && media.getFileName().toString().equals(sourceName)) {
                return p.timelineRange();
            }
        }
        return wholeTimeline(tl);
    }

    public static TimeRange wholeTimeline(Timeline tl) {
        RationalTime d = tl.duration();
        return new TimeRange(RationalTime.zero(d.rate() > 0 ? d.rate() : tl.rate()), d);
    }

    /** Video clips the effect could sit on. */
    public static List<PlacedItem> effectCandidates(Timeline tl) {
        return tl.clips(TrackKind.VIDEO).stream()
                .filter(p -> p.enabled() && p.timelineRange().duration().isFinite() && p.timelineRange().duration().value() > 0)
                .toList();
    }

    /** Puts the effect on {@code range} of the timeline: lanes and offsets are recomputed, assignments follow. */
    public void setEffectRange(TimeRange range) {
        effectRange = Objects.requireNonNull(range);
        relayout();
        fire(Change.LANES);
    }

    private void relayout() {
        timelineLanes = timeline == null ? List.of() : TimelineLanes.of(timeline, effectRange);
        for (int i = 0; i < slots.length; i++) {
            LaneClip c = slots[i].clip();
            if (c == null) {
                continue;
            }
            LaneClip now = c.timelineRange() != null ? findTimelineClip(c.id())
                    : c.id().startsWith("setup:") ? matchTimelineClip(c) : null;
            if (now != null) {
                slots[i] = slots[i].withClip(now);
            } else if (c.timelineRange() != null) {
                slots[i] = slots[i].withClip(null);    // the clip no longer sounds under the effect
            }
        }
    }

    private LaneClip findTimelineClip(String id) {
        return timelineLanes.stream().flatMap(l -> l.clips().stream()).filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    private LaneClip matchTimelineClip(LaneClip setupClip) {
        return timelineLanes.stream().flatMap(l -> l.clips().stream())
                .filter(c -> c.media() != null && c.media().equals(setupClip.media())
                        && Math.abs(c.offsetSeconds() - setupClip.offsetSeconds()) < SAME_OFFSET)
                .findFirst().orElse(null);
    }

    public Timeline timeline() {
        return timeline;
    }

    public TimeRange effectRange() {
        return effectRange;
    }

    public List<String> importIssues() {
        return timeline == null ? List.of() : timeline.issues().stream().map(Object::toString).toList();
    }

    /** Adds an audio (or video-with-audio) file by hand, its first sample at {@code offsetSeconds} of the effect clip. */
    public LaneClip addAudioFile(Path file, double offsetSeconds) {
        Path abs = file.toAbsolutePath().normalize();
        String id = "file:" + abs + "#" + added.size();
        LaneClip c = new LaneClip(id, abs.getFileName().toString(), ADDED_LANE, TrackKind.AUDIO, null, offsetSeconds, abs,
                Files.isRegularFile(abs) ? null : "media missing: " + abs);
        added.add(c);
        fire(Change.LANES);
        return c;
    }

    /** Timeline lanes, then the hand-added files, then speakers from the setup not found on the timeline. */
    public List<Lane> lanes() {
        List<Lane> out = new ArrayList<>(timelineLanes);
        if (!added.isEmpty()) {
            out.add(new Lane(ADDED_LANE, TrackKind.AUDIO, added));
        }
        List<LaneClip> orphans = fromSetup.stream().filter(c -> speakerOf(c) > 0).toList();
        if (!orphans.isEmpty()) {
            out.add(new Lane(SETUP_LANE, TrackKind.AUDIO, orphans));
        }
        return out;
    }

    public LaneClip clip(String id) {
        return lanes().stream().flatMap(l -> l.clips().stream()).filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no clip " + id));
    }

    /** The display rate for timecode: the timeline's, else the setup's fallback fps, else 25. */
    public double rate() {
        if (timeline != null) {
            return timeline.rate();
        }
        Double fps = base.source().fpsFallback();
        return fps != null ? fps : 25.0;
    }

    // ---- speakers -------------------------------------------------------------------------------------------

    /** Speaker 1-4 of {@code clip}, or 0 when it speaks for none. */
    public int speakerOf(LaneClip clip) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].clip() != null && slots[i].clip().id().equals(clip.id())) {
                return i + 1;
            }
        }
        return 0;
    }

    public SpeakerSlot slot(int speaker) {
        return slots[checkSpeaker(speaker) - 1];
    }

    /**
     * Gives speaker 1-4 the voice of {@code clip} (0 = the clip speaks for nobody). A clip speaks for one speaker and
     * a speaker has one clip: the clip leaves its previous speaker and the speaker's previous clip is released.
     */
    public void assign(LaneClip clip, int speaker) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].clip() != null && slots[i].clip().id().equals(clip.id())) {
                slots[i] = slots[i].withClip(null);
            }
        }
        if (speaker != 0) {
            slots[checkSpeaker(speaker) - 1] = slot(speaker).withClip(clip);
        }
        fire(Change.SPEAKERS);
    }

    /** Speaker 1-4 drives face track {@code track} (null = none); a track drives one speaker. */
    public void assignFace(Integer track, int speaker) {
        if (track != null) {
            for (int i = 0; i < slots.length; i++) {
                if (track.equals(slots[i].faceTrack())) {
                    slots[i] = slots[i].withFaceTrack(null);
                }
            }
        }
        slots[checkSpeaker(speaker) - 1] = slot(speaker).withFaceTrack(track);
        fire(Change.SPEAKERS);
    }

    /** The speaker driven by face track {@code track}, or 0. */
    public int speakerOfFace(int track) {
        for (int i = 0; i < slots.length; i++) {
            if (Integer.valueOf(track).equals(slots[i].faceTrack())) {
                return i + 1;
            }
        }
        return 0;
    }

    public void setGain(int speaker, double gainDb) {
        slots[checkSpeaker(speaker) - 1] = slot(speaker).withGainDb(gainDb);
        fire(Change.SPEAKERS);
    }

    public void setEnabled(int speaker, boolean enabled) {
        slots[checkSpeaker(speaker) - 1] = slot(speaker).withEnabled(enabled);
        fire(Change.SPEAKERS);
    }

    private static int checkSpeaker(int speaker) {
        if (speaker < 1 || speaker > ShotSetup.MAX_SPEAKERS) {
            throw new IllegalArgumentException("speakers are numbered 1 to " + ShotSetup.MAX_SPEAKERS + ", got " + speaker);
        }
        return speaker;
    }

    public AudioMode audioMode() {
        return audioMode;
    }

    public void setAudioMode(AudioMode mode) {
        audioMode = Objects.requireNonNull(mode);
        fire(Change.AUDIO_MODE);
    }

    // ---- region, excludes, playhead -------------------------------------------------------------------------

    public Region region() {
        return region;
    }

    public void setRegion(Region r) {
        region = Objects.requireNonNull(r);
        fire(Change.REGION);
    }

    public List<FrameRange> excludes() {
        return List.copyOf(excludes);
    }

    /** Adds source frames {@code [start, end)} as "no lip-sync here"; overlapping or touching ranges merge. */
    public void addExclude(long start, long end) {
        if (end <= start) {
            throw new IllegalArgumentException("an exclude range needs end > start, got " + start + ".." + end);
        }
        long s = start;
        long e = end;
        List<FrameRange> kept = new ArrayList<>();
        for (FrameRange r : excludes) {
            if (r.end() < s || r.start() > e) {
                kept.add(r);
            } else {
                s = Math.min(s, r.start());
                e = Math.max(e, r.end());
            }
        }
        kept.add(new FrameRange(s, e));
        kept.sort((a, b) -> Long.compare(a.start(), b.start()));
        excludes = kept;
        fire(Change.EXCLUDES);
    }

    /** Removes the exclude range containing source frame {@code frame}; false when there is none. */
    public boolean removeExcludeAt(long frame) {
        boolean removed = excludes.removeIf(r -> r.start() <= frame && frame < r.end());
        if (removed) {
            fire(Change.EXCLUDES);
        }
        return removed;
    }

    public long playheadFrame() {
        return playheadFrame;
    }

    public void setPlayheadFrame(long frame) {
        playheadFrame = Math.max(0, frame);
        fire(Change.PLAYHEAD);
    }

    /** Seconds of the effect clip (0 = its first frame) at source frame {@code frame}. */
    public double secondsOfFrame(long frame) {
        return (frame - base.source().inFrame()) / sourceFps();
    }

    public long frameAtSeconds(double seconds) {
        return base.source().inFrame() + Math.round(Math.floor(seconds * sourceFps() + 1e-9));
    }

    /** Source frame rate: the setup's fallback, else the timeline's rate. */
    public double sourceFps() {
        Double fps = base.source().fpsFallback();
        return fps != null ? fps : rate();
    }

    // ---- validation -----------------------------------------------------------------------------------------

    /** Everything that stops this setup from being saved or generated, worded for the user; empty when fine. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (Arrays.stream(slots).allMatch(SpeakerSlot::isEmpty)) {
            out.add("no speaker has a voice yet: click an audio clip on the timeline (or add an audio file) to assign it");
        }
        for (int i = 0; i < slots.length; i++) {
            LaneClip c = slots[i].clip();
            if (c != null && !c.usable()) {
                out.add("speaker " + (i + 1) + " (" + c.name() + "): " + c.problem());
            }
        }
        boolean noVoice = Arrays.stream(slots).allMatch(SpeakerSlot::isEmpty);
        for (String p : ShotSetupValidator.problems(toSetup())) {
            if (!(noVoice && p.startsWith("$.speakers: needs"))) {   // already said in the user's words
                out.add(p);
            }
        }
        return out;
    }
}
