package org.talkfx.panel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.talkfx.panel.TestMedia;
import org.talkfx.shot.Mode;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.Source;
import org.talkfx.timeline.PlacedItem;
import org.talkfx.timeline.TimeRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The panel's lanes on the OpenTimelineIO project's own sample files (../shared/fixtures/otio). */
class OtioFixtureLanesTest {
    private static final Path DIR = TestMedia.shared().resolve("fixtures/otio");

    private static PanelModel model() {
        return new PanelModel(ShotSetup.of(Mode.DUB_VIDEO, new Source("none.mov", null, null, null), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip_example.otio", "multitrack.otio", "nested_example.otio", "simple_cut.otio", "transition.otio"})
    void everyEnabledClipUnderTheWholeTimelineIsOnALaneAndMissingMediaIsReportedNotFatal(String name) {
        PanelModel m = model();
        m.importTimeline(DIR.resolve(name));
        TimeRange eff = m.effectRange();
        assertThat(eff.start().seconds()).isZero();      // no clip uses the setup's source: the whole timeline
        List<PlacedItem> expected = m.timeline().clips().stream()
                .filter(p -> p.enabled() && p.timelineRange().overlaps(eff)).toList();
        List<LaneClip> onLanes = m.lanes().stream().flatMap(l -> l.clips().stream()).toList();
        assertThat(onLanes).extracting(LaneClip::id).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(p -> ((org.talkfx.timeline.Composable.Clip) p.item()).jsonPath()).toList());
        assertThat(onLanes).isNotEmpty();
        // sample media lives on the OTIO authors' disks: every clip is listed with why it cannot speak
        assertThat(onLanes).allSatisfy(c -> assertThat(c.problem()).isNotNull());
        LaneClip first = onLanes.get(0);
        m.assign(first, 1);
        assertThat(m.problems()).anyMatch(p -> p.startsWith("speaker 1 (" + first.name() + "): "));
    }

    /** Offsets computed by hand from the file: running position minus how far into its media each clip starts. */
    @Test
    void simpleCutOffsetsMatchTheFile() throws Exception {
        JsonNode track = new ObjectMapper().readTree(DIR.resolve("simple_cut.otio").toFile()).at("/tracks/children/0/children");
        List<Double> expected = new ArrayList<>();
        double position = 0;
        for (JsonNode item : track) {
            JsonNode available = item.at("/media_reference/available_range");
            JsonNode used = item.hasNonNull("source_range") ? item.get("source_range") : available;
            double rate = used.at("/duration/rate").asDouble();
            double into = used.at("/start_time/value").asDouble() / rate
                    - available.at("/start_time/value").asDouble() / available.at("/start_time/rate").asDouble();
            expected.add(position - into);
            position += used.at("/duration/value").asDouble() / rate;
        }
        PanelModel m = model();
        m.importTimeline(DIR.resolve("simple_cut.otio"));
        assertThat(m.lanes()).hasSize(1);
        List<LaneClip> clips = m.lanes().get(0).clips();
        assertThat(clips).hasSize(expected.size());
        for (int i = 0; i < clips.size(); i++) {
            assertThat(clips.get(i).offsetSeconds()).as(clips.get(i).name()).isCloseTo(expected.get(i), within(1e-9));
        }
        // narrowing the effect to the second clip leaves the clips under it, offsets from its start
        LaneClip second = clips.get(1);
        m.setEffectRange(second.timelineRange());
        assertThat(m.lanes().get(0).clips()).extracting(LaneClip::name).containsExactly(second.name());
        assertThat(m.lanes().get(0).clips().get(0).offsetSeconds())
                .isCloseTo(expected.get(1) - second.timelineRange().start().seconds(), within(1e-9));
        assertThat(m.rate()).isEqualTo(24.0);
    }

    @Test
    void batchQueueListsTheShotsOfATimeline() {
        PanelModel m = model();
        m.importTimeline(DIR.resolve("multitrack.otio"));
        BatchQueue q = BatchQueue.of(m.timeline());
        assertThat(q.shots()).hasSameSizeAs(PanelModel.effectCandidates(m.timeline()));
        assertThat(q.shots()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo("no setup");
            assertThat(s.setupFile().getFileName().toString()).endsWith(".talkfx.json").doesNotContain(" ");
        });
    }
}
