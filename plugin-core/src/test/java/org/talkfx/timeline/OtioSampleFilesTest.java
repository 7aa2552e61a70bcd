package org.talkfx.timeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real OTIO sample files in ../shared/fixtures/otio; expected values read off the files by hand. */
class OtioSampleFilesTest {
    static void assertPlaced(Timeline tl, String name, long start, long duration, long sourceStart) {
        PlacedItem p = tl.find(name);
        assertThat(p.timelineRange().start().frames(24)).as(name + " start").isEqualTo(start);
        assertThat(p.timelineRange().duration().frames(24)).as(name + " duration").isEqualTo(duration);
        assertThat(p.sourceStart().frames(24)).as(name + " source start").isEqualTo(sourceStart);
    }

    @Test
    void simpleCutPlacesClipsBackToBackAndResolvesFileUrls() {
        Timeline tl = OtioReader.read(OtioFixtures.file("simple_cut.otio"));
        assertThat(tl.name()).isEqualTo("Figure 1 - Simple Cut List");
        assertThat(tl.globalStartTime()).isNull();
        assertThat(tl.rate()).isEqualTo(24.0);
        assertThat(tl.clips()).extracting(PlacedItem::name).containsExactly("Clip-001", "Clip-002", "Clip-003", "Clip-004");
        assertThat(tl.clips()).allMatch(p -> p.kind() == TrackKind.VIDEO && p.trackName().equals("Track-001"));
        assertPlaced(tl, "Clip-001", 0, 3, 3);
        assertPlaced(tl, "Clip-002", 3, 6, 2);
        assertPlaced(tl, "Clip-003", 9, 4, 0);
        // No source_range: the clip plays its media's whole available range, 100..106.
        assertPlaced(tl, "Clip-004", 13, 6, 100);
        assertThat(tl.duration().frames(24)).isEqualTo(19);

        MediaReference.External m = (MediaReference.External) tl.find("Clip-002").media();
        assertThat(m.name()).isEqualTo("Media-002");
        assertThat(m.targetUrl()).isEqualTo("file:///folder/wind-up.mov");
        assertThat(m.path()).isEqualTo(Path.of("/folder/wind-up.mov"));
        assertThat(m.exists()).isFalse();
        assertThat(m.availableRange().duration().frames(24)).isEqualTo(8);
        assertThat(tl.issues()).extracting(ImportIssue::message).containsExactly(
                "media missing: /folder/titles.mov", "media missing: /folder/wind-up.mov",
                "media missing: /folder/punchline.mov", "media missing: /folder/credits.mov");
        assertThat(tl.issues().get(3).jsonPath()).isEqualTo("$.tracks.children[0].children[3].media_reference");
    }

    @Test
    void transitionsOverlapTheirNeighboursWithoutAdvancingTime() {
        Timeline tl = OtioReader.read(OtioFixtures.file("transition.otio"));
        assertThat(tl.name()).isEqualTo("Figure 2 - Transitions");
        assertThat(tl.rate()).isEqualTo(24.0);
        assertThat(tl.clips()).allMatch(p -> p.timelineRange().duration().rate() == 24.0);
        assertThat(tl.globalStartTime()).isEqualTo(new RationalTime(0, 24));
        assertPlaced(tl, "Clip-001", 0, 3, 3);
        assertPlaced(tl, "Clip-002", 3, 6, 2);
        assertPlaced(tl, "Clip-003", 9, 4, 3);
        assertPlaced(tl, "Clip-004", 13, 6, 100);
        // Cut at 9, in_offset 2, out_offset 3.
        assertPlaced(tl, "Transition", 7, 5, 0);
        Composable.Transition tr = (Composable.Transition) tl.find("Transition").item();
        assertThat(tr.transitionType()).isEqualTo("SMPTE_Dissolve");
        assertThat(tl.duration().frames(24)).isEqualTo(19);
        assertThat(tl.find("Clip-003").media().availableRange())
                .isEqualTo(new TimeRange(new RationalTime(1, 24), new RationalTime(10, 24)));
        assertThat(((MediaReference.External) tl.find("Clip-004").media()).path()).isEqualTo(Path.of("/folder/credits.mov"));
    }

    @Test
    void clipExampleHasGapsAMissingReferenceAndADissolve() {
        Timeline tl = OtioReader.read(OtioFixtures.file("clip_example.otio"));
        assertThat(tl.name()).isEqualTo("transition_test");
        assertThat(tl.rate()).isEqualTo(24.0);
        assertThat(tl.clips()).allMatch(p -> p.timelineRange().duration().rate() == 24.0);
        assertPlaced(tl, "Gap A", 0, 8, 0);
        assertPlaced(tl, "Clip-001", 8, 3, 3);
        assertPlaced(tl, "Dissolve", 9, 3, 0);
        assertPlaced(tl, "Gap B", 11, 8, 0);
        assertThat(tl.find("Clip-001").media()).isInstanceOf(MediaReference.Missing.class);
        assertThat(tl.find("Clip-001").media().availableRange().duration().frames(24)).isEqualTo(8);
        assertThat(tl.issues()).isEmpty();
        assertThat(tl.duration().frames(24)).isEqualTo(19);
    }

    @Test
    void multitrackTracksAllStartAtZero() {
        Timeline tl = OtioReader.read(OtioFixtures.file("multitrack.otio"));
        assertThat(tl.name()).isEqualTo("OTIO TEST - multitrack.Exported.01");
        assertThat(tl.rate()).isEqualTo(24.0);
        assertThat(tl.clips()).allMatch(p -> p.timelineRange().duration().rate() == 24.0);
        assertThat(tl.tracks().children()).extracting(Composable::name).containsExactly("Sequence", "Sequence 2", "Sequence 3");
        assertPlaced(tl, "tech.fux (loop)-HD.mp4", 0, 720, 0);
        assertPlaced(tl, "Filler", 720, 83, 0);
        assertPlaced(tl, "out-b (loop)-HD.mp4", 803, 722, 0);
        assertPlaced(tl, "Filler 2", 1525, 432, 0);
        assertPlaced(tl, "brokchrd (loop)-HD.mp4", 1957, 720, 0);
        assertPlaced(tl, "Filler 3", 2677, 605, 0);
        assertPlaced(tl, "t-hawk (loop)-HD.mp4", 482, 480, 0);
        assertPlaced(tl, "KOLL-HD.mp4", 1198, 640, 0);
        assertThat(tl.find("KOLL-HD.mp4").trackName()).isEqualTo("Sequence 3");
        for (Composable track : tl.tracks().children()) {
            assertThat(track.duration().frames(24)).as(track.name()).isEqualTo(3282);
        }
        assertThat(tl.clips()).hasSize(5).allMatch(p -> p.media() instanceof MediaReference.Missing);
        assertThat(tl.audioClipsOverlapping(new TimeRange(new RationalTime(0, 24), new RationalTime(3282, 24)))).isEmpty();
        assertThat(tl.issues()).isEmpty();
    }

    @Test
    void nestedStacksAndTracksAreTrimmedByTheirSourceRange() {
        Timeline tl = OtioReader.read(OtioFixtures.file("nested_example.otio"));
        assertThat(tl.name()).isEqualTo("My Timeline");
        assertThat(tl.rate()).isEqualTo(24.0);
        assertThat(tl.clips()).allMatch(p -> p.timelineRange().duration().rate() == 24.0);
        assertPlaced(tl, "Normal Clip 1", 0, 238, 135);
        assertPlaced(tl, "Nested Stack 1", 238, 31, 0);
        // 37 frames of media inside a stack that shows 31 of them.
        assertPlaced(tl, "Clip Inside A Stack 1", 238, 31, 373);
        assertPlaced(tl, "Normal Clip 2", 269, 33, 101);
        assertPlaced(tl, "Nested Stack 2 (with effects)", 302, 29, 0);
        assertPlaced(tl, "Clip Inside A Stack 2", 302, 24, 429);
        assertPlaced(tl, "Normal Clip 3", 331, 63, 179);
        assertPlaced(tl, "Nested Track", 394, 4, 0);
        assertPlaced(tl, "Clip Inside A Track", 394, 1, 471);
        assertPlaced(tl, "Normal Clip 4", 398, 238, 135);
        assertThat(tl.duration().frames(24)).isEqualTo(636);
        assertThat(tl.find("Clip Inside A Track").kind()).isEqualTo(TrackKind.VIDEO);
        assertThat(tl.find("Clip Inside A Track").trackName()).isEqualTo("Nested Track");
        assertThat(((Composable.Stack) tl.find("Nested Stack 2 (with effects)").item()).effects()).containsExactly("LinearTimeWarp.1");
        assertThat(((Composable.Track) tl.find("Nested Track").item()).effects()).containsExactly("FreezeFrame.1");
        assertThat(tl.clips()).hasSize(7);
        assertThat(tl.issues()).isEmpty();
    }

    @Test
    void everySampleFileImports() {
        for (String f : List.of("clip_example.otio", "multitrack.otio", "nested_example.otio", "simple_cut.otio", "transition.otio")) {
            Timeline tl = OtioReader.read(OtioFixtures.file(f));
            assertThat(tl.clips()).as(f).isNotEmpty();
            assertThat(tl.clips()).as(f).allMatch(p -> p.timelineRange().duration().value() > 0);
        }
    }
}
