package org.talkfx.panel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.panel.TestMedia;
import org.talkfx.shot.AudioMode;
import org.talkfx.shot.InvalidShotSetupException;
import org.talkfx.shot.Region;
import org.talkfx.shot.RegionKind;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.shot.Speaker;
import org.talkfx.timeline.TrackKind;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PanelModelTest {
    @TempDir
    Path tmp;

    private PanelModel newModel(Path dir) throws Exception {
        Path face = Files.copy(TestMedia.shared().resolve("fixtures/otio/simple_cut.otio"), dir.resolve("face.png")); // any file: only its name matters here
        PanelModel m = PanelModel.forSource(face, 24.0);
        m.importTimeline(TestMedia.editorTimeline(dir, "face.png"));
        return m;
    }

    @Test
    void editorExportBecomesLanesWithOffsetsFromTheEffectClip() throws Exception {
        PanelModel m = newModel(tmp);
        assertThat(m.effectRange().start().seconds()).isEqualTo(1.0);
        assertThat(m.effectRange().duration().seconds()).isEqualTo(4.0);
        assertThat(m.lanes()).extracting(Lane::name).containsExactly("A1", "A2", "A3", "V1");
        assertThat(m.lanes()).extracting(Lane::kind).containsExactly(TrackKind.AUDIO, TrackKind.AUDIO, TrackKind.AUDIO, TrackKind.VIDEO);
        LaneClip anna = m.lanes().get(0).clips().get(0);
        LaneClip ben = m.lanes().get(1).clips().get(0);
        assertThat(anna.name()).isEqualTo("anna");
        assertThat(anna.offsetSeconds()).isCloseTo(-0.25, within(1e-9));   // plays at 1.25 s from 0.5 s into the file
        assertThat(anna.media()).isEqualTo(tmp.resolve("anna.wav"));
        assertThat(anna.usable()).isTrue();
        assertThat(ben.offsetSeconds()).isCloseTo(0.5, within(1e-9));      // media timecode starts at 10 s; 1 s in
        // the missing file is listed, not fatal; the late clip is outside the effect; the unknown schema is reported
        LaneClip gone = m.lanes().get(2).clips().get(0);
        assertThat(m.lanes().get(2).clips()).hasSize(1);
        assertThat(gone.problem()).isEqualTo("media missing: " + tmp.resolve("gone.wav"));
        assertThat(m.importIssues()).anyMatch(i -> i.contains("FancyNewThing.1"));
        assertThat(Timecodes.offset(anna.offsetSeconds(), m.rate())).isEqualTo("-00:00:00:06");
        assertThat(Timecodes.offset(ben.offsetSeconds(), m.rate())).isEqualTo("+00:00:00:12");
    }

    @Test
    void assignmentsSaveAndLoadBack() throws Exception {
        PanelModel m = newModel(tmp);
        LaneClip anna = m.lanes().get(0).clips().get(0);
        LaneClip ben = m.lanes().get(1).clips().get(0);
        m.assign(ben, 2);
        m.assign(anna, 1);
        m.assignFace(3, 1);
        m.assignFace(5, 2);
        m.setGain(2, -6.0);
        m.setAudioMode(AudioMode.ADD);
        m.setRegion(new Region(RegionKind.HEADS_ONLY, 20.0, -4.0, null));
        m.addExclude(30, 40);
        m.addExclude(38, 50);     // merges
        m.addExclude(70, 72);
        assertThat(m.problems()).isEmpty();
        Path file = tmp.resolve("shot.talkfx.json");
        m.save(file);

        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertThat(doc.at("/speakers/0/audio").asText()).isEqualTo("anna.wav");
        assertThat(doc.at("/speakers/0/offset_seconds").asDouble()).isEqualTo(-0.25);
        assertThat(doc.at("/speakers/0/face_track").asInt()).isEqualTo(3);
        assertThat(doc.at("/speakers/1/audio").asText()).isEqualTo("ben.wav");
        assertThat(doc.at("/speakers/1/offset_seconds").asDouble()).isEqualTo(0.5);
        assertThat(doc.at("/speakers/1/gain_db").asDouble()).isEqualTo(-6.0);
        assertThat(doc.at("/audio_mode").asText()).isEqualTo("add");
        assertThat(doc.at("/region/kind").asText()).isEqualTo("heads_only");
        assertThat(doc.at("/exclude_ranges").toString()).isEqualTo("[{\"start\":30,\"end\":50},{\"start\":70,\"end\":72}]");
        assertThat(doc.at("/source/media").asText()).isEqualTo("face.png");

        PanelModel back = new PanelModel(m.base());
        back.open(file);
        assertThat(back.toSetup()).isEqualTo(m.toSetup());
        assertThat(back.dirty()).isFalse();
        assertThat(back.slot(1).clip().laneName()).isEqualTo(PanelModel.SETUP_LANE);
        // importing the same timeline puts the loaded speakers back onto their timeline clips
        back.importTimeline(tmp.resolve("edit.otio"));
        assertThat(back.slot(1).clip().id()).isEqualTo(anna.id());
        assertThat(back.slot(2).clip().id()).isEqualTo(ben.id());
        assertThat(back.lanes()).extracting(Lane::name).doesNotContain(PanelModel.SETUP_LANE);

        assertThat(back.dirty()).isFalse();    // the same speakers, now on their timeline clips
        back.setGain(1, 3.0);
        assertThat(back.dirty()).isTrue();
        back.save(file);
        assertThat(back.dirty()).isFalse();
        assertThat(tmp.resolve("shot.talkfx.json.bak")).exists();
        assertThat(new ShotSetupFile().load(tmp.resolve("shot.talkfx.json.bak"))).isEqualTo(m.toSetup());
    }

    @Test
    void aClipSpeaksForOneSpeakerAndAFaceDrivesOne() throws Exception {
        PanelModel m = newModel(tmp);
        LaneClip anna = m.lanes().get(0).clips().get(0);
        LaneClip ben = m.lanes().get(1).clips().get(0);
        m.assign(anna, 1);
        m.assign(anna, 3);
        assertThat(m.slot(1).isEmpty()).isTrue();
        assertThat(m.speakerOf(anna)).isEqualTo(3);
        m.assign(ben, 3);             // replaces anna
        assertThat(m.speakerOf(anna)).isZero();
        m.assignFace(1, 3);
        m.assignFace(1, 2);
        assertThat(m.slot(3).faceTrack()).isNull();
        assertThat(m.speakerOfFace(1)).isEqualTo(2);
        assertThatThrownBy(() -> m.assign(anna, 5)).hasMessageContaining("1 to 4");
        // speakers are written in order, without holes: speaker 3 alone is the document's first speaker
        assertThat(m.toSetup().speakers()).extracting(Speaker::audio).containsExactly(tmp.resolve("ben.wav").toString());
    }

    @Test
    void validationSaysWhatIsMissingInTheUsersWords() throws Exception {
        PanelModel m = newModel(tmp);
        assertThat(m.problems()).containsExactly(
                "no speaker has a voice yet: click an audio clip on the timeline (or add an audio file) to assign it");
        LaneClip gone = m.lanes().get(2).clips().get(0);
        m.assign(gone, 1);
        assertThat(m.problems()).containsExactly("speaker 1 (gone): media missing: " + tmp.resolve("gone.wav"));
        m.assign(m.lanes().get(0).clips().get(0), 1);
        m.setGain(1, 99);
        assertThat(m.problems()).containsExactly("$.speakers[0].gain_db: must be between -60 and 24 dB, got 99.0");
        assertThatThrownBy(() -> m.save(tmp.resolve("bad.json"))).isInstanceOf(InvalidShotSetupException.class);
        assertThat(tmp.resolve("bad.json")).doesNotExist();
    }

    @Test
    void saveAsElsewhereRewritesRelativePaths() throws Exception {
        PanelModel m = newModel(tmp);
        m.assign(m.lanes().get(0).clips().get(0), 1);
        m.save(tmp.resolve("a.json"));
        Path other = Files.createDirectories(tmp.resolve("sub"));
        m.save(other.resolve("b.json"));
        ShotSetup moved = new ShotSetupFile().load(other.resolve("b.json"));
        assertThat(moved.source().media()).isEqualTo(tmp.resolve("face.png").toString());
        assertThat(ShotSetup.resolve(other, moved.speakers().get(0).audio())).isEqualTo(tmp.resolve("anna.wav"));
        // back in the media's folder: paths become relative again
        m.save(tmp.resolve("c.json"));
        assertThat(new ShotSetupFile().load(tmp.resolve("c.json")).source().media()).isEqualTo("face.png");
    }

    @Test
    void handAddedFilesAndExcludes() throws Exception {
        PanelModel m = newModel(tmp);
        LaneClip added = m.addAudioFile(tmp.resolve("ben.wav"), 1.5);
        assertThat(m.lanes().get(m.lanes().size() - 1).name()).isEqualTo(PanelModel.ADDED_LANE);
        m.assign(added, 4);
        assertThat(m.toSetup(tmp).speakers()).singleElement().satisfies(s -> {
            assertThat(s.audio()).isEqualTo("ben.wav");
            assertThat(s.offsetSeconds()).isEqualTo(1.5);
        });
        LaneClip missing = m.addAudioFile(tmp.resolve("nope.wav"), 0);
        assertThat(missing.problem()).startsWith("media missing");
        m.addExclude(10, 20);
        assertThat(m.removeExcludeAt(15)).isTrue();
        assertThat(m.removeExcludeAt(15)).isFalse();
        assertThat(m.excludes()).isEmpty();
        assertThatThrownBy(() -> m.addExclude(5, 5)).hasMessageContaining("end > start");
        assertThat(m.frameAtSeconds(m.secondsOfFrame(37))).isEqualTo(37);
    }

    @Test
    void movingTheEffectClipRecomputesOffsetsAndDropsClipsNoLongerUnderIt() throws Exception {
        PanelModel m = newModel(tmp);
        LaneClip ben = m.lanes().get(1).clips().get(0);
        m.assign(ben, 1);
        var whole = new org.talkfx.timeline.TimeRange(org.talkfx.timeline.RationalTime.zero(24), m.timeline().duration());
        m.setEffectRange(whole);
        assertThat(m.slot(1).clip().offsetSeconds()).isCloseTo(1.5, within(1e-9));   // now counted from 0
        m.setEffectRange(new org.talkfx.timeline.TimeRange(new org.talkfx.timeline.RationalTime(0, 24), new org.talkfx.timeline.RationalTime(24, 24)));
        assertThat(m.slot(1).isEmpty()).isTrue();
    }
}
