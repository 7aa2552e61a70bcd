package org.talkfx.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.shot.Speaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What the sample files lack and editor exports have: audio tracks, Clip.2 with several media references,
 * relative and absolute file URLs, missing media, markers, mixed rates, NaN/Infinity, unknown schemas, a nested
 * stack holding an audio track.
 */
class OtioEditorExportTest {
    @TempDir
    Path dir;

    static String time(double value, double rate) {
        return "{\"OTIO_SCHEMA\": \"RationalTime.1\", \"rate\": " + rate + ", \"value\": " + value + "}";
    }

    static String range(double start, double duration, double rate) {
        return "{\"OTIO_SCHEMA\": \"TimeRange.1\", \"start_time\": " + time(start, rate) + ", \"duration\": " + time(duration, rate) + "}";
    }

    static String ext(String url) {
        return "{\"OTIO_SCHEMA\": \"ExternalReference.1\", \"target_url\": \"" + url + "\", \"available_range\": null, \"metadata\": {}}";
    }

    static String clip1(String name, String ref, String sourceRange, boolean enabled) {
        return "{\"OTIO_SCHEMA\": \"Clip.1\", \"name\": \"" + name + "\", \"enabled\": " + enabled
                + ", \"media_reference\": " + ref + ", \"source_range\": " + sourceRange + ", \"markers\": [], \"effects\": []}";
    }

    Path write() throws IOException {
        Files.createDirectories(dir.resolve("audio"));
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("audio/anna.wav"), "x");
        Files.writeString(dir.resolve("audio/anna 2.wav"), "x");
        Files.writeString(dir.resolve("audio/cara.wav"), "x");
        Files.writeString(dir.resolve("media/interview.mov"), "x");
        String anna2Url = dir.resolve("audio/anna 2.wav").toUri().toString();
        String json = """
                {"OTIO_SCHEMA": "Timeline.1", "name": "interview", "global_start_time": %s,
                 "metadata": {"mixer": {"gain": NaN, "peak": Infinity, "floor": -Infinity}},
                 "tracks": {"OTIO_SCHEMA": "Stack.1", "name": "tracks", "children": [
                   {"OTIO_SCHEMA": "Track.1", "name": "V1", "kind": "Video", "children": [
                     {"OTIO_SCHEMA": "Clip.2", "name": "Interview A", "source_range": %s,
                      "active_media_reference_key": "DEFAULT_MEDIA",
                      "media_references": {"DEFAULT_MEDIA": %s, "proxy": %s},
                      "markers": [{"OTIO_SCHEMA": "Marker.2", "name": "lip sync here", "color": "RED",
                                   "marked_range": %s, "comment": "check the b-roll"},
                                  {"OTIO_SCHEMA": "Marker.2", "name": "broken", "color": "BLUE", "marked_range": %s}]}]},
                   {"OTIO_SCHEMA": "Track.1", "name": "A1", "kind": "Audio", "children": [
                     {"OTIO_SCHEMA": "Gap.1", "name": "lead-in", "source_range": %s},
                     %s,
                     {"OTIO_SCHEMA": "Transition.1", "name": "xfade", "transition_type": "SMPTE_Dissolve",
                      "in_offset": %s, "out_offset": %s},
                     {"OTIO_SCHEMA": "Clip.2", "name": "Anna 2", "source_range": %s, "active_media_reference_key": "high",
                      "media_references": {"high": %s, "DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1"}}}]},
                   {"OTIO_SCHEMA": "Track.1", "name": "A2", "kind": "Audio", "children": [
                     %s,
                     {"OTIO_SCHEMA": "FancyNewThing.1", "name": "from the future"},
                     %s,
                     {"OTIO_SCHEMA": "Stack.1", "name": "Nested dialogue", "source_range": %s, "children": [
                       {"OTIO_SCHEMA": "Track.1", "name": "Inner", "kind": "Audio", "children": [
                         {"OTIO_SCHEMA": "Gap.1", "name": "inner gap", "source_range": %s},
                         %s]}]}]}]}}
                """.formatted(time(86400, 24), range(0, 240, 24),
                ext("media/interview.mov"), ext("file:///nowhere/proxy.mov"),
                range(10, 20, 24), range(Double.NaN, 5, 24),
                range(0, 48, 24),
                clip1("Anna", ext("audio/anna.wav"), range(24, 96, 24), true),
                time(12, 24), time(12, 24),
                range(0, 48000, 48000), ext(anna2Url),
                clip1("Ben", ext("audio/missing_ben.wav"), range(0, 72, 24), true),
                clip1("Ben muted", ext("audio/anna.wav"), range(0, 24, 24), false),
                range(12, 48, 24), range(0, 24, 24),
                clip1("Cara", ext("file:audio/cara.wav"), range(100, 48, 24), true));
        Path file = dir.resolve("interview.otio");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsAudioTracksClip2MarkersAndRelativeMedia() throws IOException {
        Timeline tl = OtioReader.read(write());
        assertThat(tl.rate()).isEqualTo(24.0);
        assertThat(tl.globalStartTime().timecode(24)).isEqualTo("01:00:00:00");

        PlacedItem video = tl.find("Interview A");
        MediaReference.External m = (MediaReference.External) video.media();
        assertThat(m.path()).isEqualTo(dir.resolve("media/interview.mov"));
        assertThat(m.exists()).isTrue();
        List<Marker> markers = ((Composable.Clip) video.item()).markers();
        assertThat(markers).extracting(Marker::name).containsExactly("lip sync here", "broken");
        assertThat(markers.get(0).color()).isEqualTo("RED");
        assertThat(markers.get(0).comment()).isEqualTo("check the b-roll");
        assertThat(markers.get(0).markedRange().start().frames(24)).isEqualTo(10);

        OtioSampleFilesTest.assertPlaced(tl, "lead-in", 0, 48, 0);
        OtioSampleFilesTest.assertPlaced(tl, "Anna", 48, 96, 24);
        OtioSampleFilesTest.assertPlaced(tl, "xfade", 132, 24, 0);
        // One second at 48 kHz after the cut at 144.
        OtioSampleFilesTest.assertPlaced(tl, "Anna 2", 144, 24, 0);
        assertThat(tl.find("Anna 2").timelineRange().duration().rate()).isEqualTo(48000.0);
        assertThat(((MediaReference.External) tl.find("Anna 2").media()).path()).isEqualTo(dir.resolve("audio/anna 2.wav"));
        assertThat(((MediaReference.External) tl.find("Anna").media()).path()).isEqualTo(dir.resolve("audio/anna.wav"));

        OtioSampleFilesTest.assertPlaced(tl, "Ben", 0, 72, 0);
        assertThat(((MediaReference.External) tl.find("Ben").media()).exists()).isFalse();
        OtioSampleFilesTest.assertPlaced(tl, "Ben muted", 72, 24, 0);
        assertThat(tl.find("Ben muted").enabled()).isFalse();
        // The stack shows frames 12..60 of its content at 96..144; Cara's content starts at 24 inside it.
        OtioSampleFilesTest.assertPlaced(tl, "Nested dialogue", 96, 48, 0);
        OtioSampleFilesTest.assertPlaced(tl, "Cara", 108, 36, 100);
        assertThat(tl.find("Cara").kind()).isEqualTo(TrackKind.AUDIO);
        assertThat(tl.find("Cara").trackName()).isEqualTo("Inner");
        assertThat(((MediaReference.External) tl.find("Cara").media()).path()).isEqualTo(dir.resolve("audio/cara.wav"));

        assertThat(tl.issues()).extracting(ImportIssue::toString).containsExactlyInAnyOrder(
                "$.tracks.children[0].children[0].markers[1].marked_range.start_time: non-finite or non-positive time NaN@24.0",
                "$.tracks.children[2].children[0].media_reference: media missing: " + dir.resolve("audio/missing_ben.wav"),
                "$.tracks.children[2].children[1]: unknown schema FancyNewThing.1 skipped");
    }

    @Test
    void findsTheAudioUnderTheEffectsClipWithOffsets() throws IOException {
        Timeline tl = OtioReader.read(write());
        RationalTime from = new RationalTime(100, 24);
        List<PlacedItem> audio = tl.audioClipsOverlapping(new TimeRange(from, new RationalTime(50, 24)));
        assertThat(audio).extracting(PlacedItem::name).containsExactly("Anna", "Cara", "Anna 2");
        assertThat(audio.get(0).offsetSecondsFrom(from)).isEqualTo(-52 / 24.0);
        assertThat(audio.get(1).offsetSecondsFrom(from)).isEqualTo(8 / 24.0);
        assertThat(audio.get(2).offsetSecondsFrom(from)).isEqualTo(44 / 24.0);
        // The disabled clip never sounds, even when the range covers it.
        assertThat(tl.audioClipsOverlapping(new TimeRange(new RationalTime(0, 24), new RationalTime(100, 24))))
                .extracting(PlacedItem::name).containsExactly("Ben", "Anna");
        // A range ending where a clip starts does not overlap it (ranges are half-open).
        assertThat(tl.audioClipsOverlapping(new TimeRange(new RationalTime(0, 24), new RationalTime(48, 24))))
                .extracting(PlacedItem::name).containsExactly("Ben");
    }

    @Test
    void audioClipsBecomeSpeakersThatSoundAsTheTimelinePlaysThem() throws IOException {
        Timeline tl = OtioReader.read(write());
        RationalTime effectStart = new RationalTime(100, 24);
        // Anna plays file seconds 1..5 (source 24..120 @24) at timeline 48..144: the file's 0 s sits at 48 - 24 = 24,
        // i.e. 76 frames before the effect's first frame.
        Speaker anna = TimelineSpeakers.speakerFor(tl, tl.find("Anna"), effectStart);
        assertThat(anna).isEqualTo(new Speaker(dir.resolve("audio/anna.wav").toString(), -76 / 24.0, 0.0, true, null, 1.0, 5.0));
        // Cara is cut by her stack: file seconds 100/24 .. 136/24 at timeline 108.
        Speaker cara = TimelineSpeakers.speakerFor(tl, tl.find("Cara"), effectStart);
        assertThat(cara.audioIn()).isEqualTo(100 / 24.0);
        assertThat(cara.audioOut()).isCloseTo(136 / 24.0, within(1e-12));
        assertThat(cara.offsetSeconds()).isCloseTo((108 - 100 - 100) / 24.0, within(1e-12));
        assertThatThrownBy(() -> TimelineSpeakers.speakerFor(tl, tl.find("lead-in"), effectStart))
                .isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("interview.otio") + ": clip \"lead-in\" at $.tracks.children[1].children[0] has no local media file");
    }

    @Test
    void mediaWithAStartTimecodeIsTrimmedInFileSeconds() throws IOException {
        Path f = dir.resolve("tc.otio");
        Files.writeString(f, """
                {"OTIO_SCHEMA": "Timeline.1", "name": "t", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
                  {"OTIO_SCHEMA": "Track.1", "kind": "Audio", "children": [
                    {"OTIO_SCHEMA": "Gap.1", "source_range": %s},
                    {"OTIO_SCHEMA": "Clip.1", "name": "boom", "source_range": %s,
                     "media_reference": {"OTIO_SCHEMA": "ExternalReference.1", "target_url": "file:///rec/boom.wav",
                                         "available_range": %s}}]}]}}
                """.formatted(range(0, 50, 25), range(90025, 50, 25), range(90000, 2500, 25)));
        Timeline tl = OtioReader.read(f);
        Speaker s = TimelineSpeakers.speakerFor(tl, tl.find("boom"), new RationalTime(0, 25));
        assertThat(s).isEqualTo(new Speaker("/rec/boom.wav", 1.0, 0.0, true, null, 1.0, 3.0));
    }

    @Test
    void missingActiveReferenceIsReportedNotFatal() throws IOException {
        Path f = dir.resolve("bad-key.otio");
        Files.writeString(f, """
                {"OTIO_SCHEMA": "Timeline.1", "name": "t", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
                  {"OTIO_SCHEMA": "Track.1", "kind": "Audio", "children": [
                    {"OTIO_SCHEMA": "Clip.2", "name": "c", "source_range": %s, "active_media_reference_key": "nope",
                     "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1"}}}]}]}}
                """.formatted(range(0, 10, 25)));
        Timeline tl = OtioReader.read(f);
        assertThat(tl.find("c").media()).isNull();
        assertThat(tl.rate()).isEqualTo(25.0);
        assertThat(tl.issues()).extracting(ImportIssue::message)
                .containsExactly("active_media_reference_key \"nope\" is not among media_references [DEFAULT_MEDIA]");
    }

    @Test
    void aCollectionIsReadThroughItsTimeline() throws IOException {
        Path f = dir.resolve("bin.otio");
        Files.writeString(f, """
                {"OTIO_SCHEMA": "SerializableCollection.1", "name": "bin", "children": [
                  {"OTIO_SCHEMA": "Clip.1", "name": "loose clip", "source_range": %s},
                  {"OTIO_SCHEMA": "Timeline.1", "name": "cut 2", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
                    {"OTIO_SCHEMA": "Track.1", "kind": "Audio", "children": [
                      {"OTIO_SCHEMA": "Clip.1", "name": "vo", "source_range": %s}]}]}}]}
                """.formatted(range(0, 5, 30), range(10, 60, 30)));
        Timeline tl = OtioReader.read(f);
        assertThat(tl.name()).isEqualTo("cut 2");
        assertThat(tl.rate()).isEqualTo(30.0);
        assertThat(tl.clips(TrackKind.AUDIO)).extracting(PlacedItem::name).containsExactly("vo");
        assertThat(tl.issues()).extracting(ImportIssue::toString)
                .containsExactly("$: collection of 2 objects: using the timeline at children[1]");
    }

    @Test
    void unusableFilesNameTheFileAndWhere() throws IOException {
        Path notJson = dir.resolve("broken.otio");
        Files.writeString(notJson, "{\"OTIO_SCHEMA\": \"Timeline.1\",\n \"tracks\": [1, 2,,]}");
        assertThatThrownBy(() -> OtioReader.read(notJson)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(notJson + ": not valid OTIO JSON").hasMessageContaining("line 2");

        Path track = dir.resolve("track.otio");
        Files.writeString(track, "{\"OTIO_SCHEMA\": \"Track.1\", \"children\": []}");
        assertThatThrownBy(() -> OtioReader.read(track)).isInstanceOf(BadInputException.class)
                .hasMessage(track + ": $ is a Track.1, expected a Timeline");

        Path noRate = dir.resolve("norate.otio");
        Files.writeString(noRate, """
                {"OTIO_SCHEMA": "Timeline.1", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
                  {"OTIO_SCHEMA": "Track.1", "kind": "Audio", "children": [
                    {"OTIO_SCHEMA": "Gap.1", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
                      "start_time": {"OTIO_SCHEMA": "RationalTime.1", "value": 0},
                      "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 3}}}]}]}}
                """);
        assertThatThrownBy(() -> OtioReader.read(noRate)).isInstanceOf(BadInputException.class)
                .hasMessage(noRate + ": $.tracks.children[0].children[0].source_range.start_time must have numeric \"rate\" and \"value\"");

        assertThatThrownBy(() -> OtioReader.read(dir.resolve("absent.otio"))).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("absent.otio") + ": file not found");
    }
}
