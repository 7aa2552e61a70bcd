package org.talkfx.shot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShotSetupFileTest {
    @TempDir
    Path dir;

    final ShotSetupFile files = new ShotSetupFile();

    static ShotSetup full() {
        return new ShotSetup(1, Mode.DUB_VIDEO, new Source("media/interview.mov", 12L, 300L, 25.0),
                List.of(new Speaker("audio/anna.wav", -0.5, -3.0, true, 0, 1.5, 9.25),
                        new Speaker("audio/ben.wav", 2.25, 1.5, false, null),
                        new Speaker("/abs/cara.wav", 0.0, 0.0, true, 2)),
                new Region(RegionKind.HEADS_ONLY, 12.0, -4.0, null),
                List.of(new FrameRange(40L, 60L), new FrameRange(100L, 101L)),
                new Generation(Preset.FINAL, 30, 7L, null, 3.5, "a man talks"),
                "/models/infinitetalk", AudioMode.ADD);
    }

    @Test
    void roundTripsEveryField() throws IOException {
        Path f = dir.resolve("shot.talkfx.json");
        files.save(f, full());
        assertThat(files.load(f)).isEqualTo(full());
        String json = Files.readString(f);
        assertThat(json).contains("\"schema_version\" : 1", "\"mode\" : \"dub_video\"", "\"offset_seconds\" : -0.5",
                "\"kind\" : \"heads_only\"", "\"audio_in\" : 1.5", "\"preset\" : \"final\"", "\"audio_mode\" : \"add\"", "\"face_track\" : 2");
        // Unset overrides are left out, not written as null.
        assertThat(json).doesNotContain("text_guidance", "null");
    }

    @Test
    void missingOptionalFieldsTakeDefaults() {
        ShotSetup s = files.parse(Path.of("min.json"), """
                {"schema_version": 1, "mode": "animate_image", "source": {"media": "face.png"},
                 "speakers": [{"audio": "voice.wav"}]}""".getBytes(StandardCharsets.UTF_8));
        assertThat(s.speakers().get(0)).isEqualTo(new Speaker("voice.wav", 0.0, 0.0, true, null));
        assertThat(s.region()).isEqualTo(new Region(RegionKind.WHOLE_FRAME, 8.0, 0.0, null));
        assertThat(s.audioMode()).isEqualTo(AudioMode.PARA);
        assertThat(s.source().inFrame()).isZero();
        assertThat(s.generation().preset()).isEqualTo(Preset.DRAFT);
        assertThat(s.generation().effectiveSteps()).isEqualTo(8);
        assertThat(s.generation().effectiveSeed()).isEqualTo(42);
        assertThat(s.excludeRanges()).isEmpty();
    }

    @Test
    void presetsResolveUnlessOverridden() {
        Generation g = full().generation();
        assertThat(g.effectiveSteps()).isEqualTo(30);
        assertThat(g.effectiveTextGuidance()).isEqualTo(5.0);
        assertThat(g.effectiveAudioGuidance()).isEqualTo(3.5);
        assertThat(g.effectiveSeed()).isEqualTo(7);
    }

    @Test
    void generationSettingsIgnoreCompositingOnlyFields() {
        ShotSetup a = full().withRegion(new Region(RegionKind.MASK_CLIP, 12.0, -4.0, null));
        ShotSetup feathered = a.withRegion(new Region(RegionKind.MASK_CLIP, 30.0, 10.0, null));
        assertThat(feathered.generationSettings()).isEqualTo(a.generationSettings());
        // heads only regenerates inside the expanded, feathered head mask: there they decide pixels
        ShotSetup heads = full();
        ShotSetup headsFeathered = heads.withRegion(new Region(RegionKind.HEADS_ONLY, 30.0, 10.0, null));
        assertThat(headsFeathered.generationSettings()).isNotEqualTo(heads.generationSettings());
        ShotSetup reseeded = a.withGeneration(new Generation(Preset.FINAL, 30, 8L, null, 3.5, "a man talks"));
        assertThat(reseeded.generationSettings()).isNotEqualTo(a.generationSettings());
        // Disabled speakers do not take part.
        assertThat(a.generationSettings().voices()).hasSize(2);
    }

    @Test
    void saveKeepsTheOldVersionAsBakAndNeverWritesAnInvalidSetup() throws IOException {
        Path f = dir.resolve("shot.json");
        files.save(f, full());
        byte[] first = Files.readAllBytes(f);
        ShotSetup second = full().withGeneration(new Generation(Preset.DRAFT, null, null, null, null, null));
        files.save(f, second);
        assertThat(Files.readAllBytes(f.resolveSibling("shot.json.bak"))).isEqualTo(first);
        assertThat(files.load(f)).isEqualTo(second);

        byte[] before = Files.readAllBytes(f);
        ShotSetup bad = full().withSpeakers(List.of());
        assertThatThrownBy(() -> files.save(f, bad)).isInstanceOf(InvalidShotSetupException.class)
                .hasMessage(f + ": $.speakers: needs at least one speaker");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shot.json", "shot.json.bak");
        }
    }

    @Test
    void aCrashedWriteLeavesTheFileIntact() throws IOException {
        Path f = dir.resolve("shot.json");
        files.save(f, full());
        // What a crash between writing the temporary file and renaming it leaves behind.
        Files.writeString(dir.resolve(".shot.json.tmp-1234"), "{\"schema_version\": 1, \"mo");
        assertThat(files.load(f)).isEqualTo(full());
    }

    @Test
    void olderVersionsAreMigrated() {
        ShotSetupMigration renameAudioType = new ShotSetupMigration() {
            @Override
            public int fromVersion() {
                return 0;
            }

            @Override
            public ObjectNode migrate(ObjectNode doc) {
                doc.set("audio_mode", doc.remove("audio_type"));
                return doc;
            }
        };
        byte[] v0 = """
                {"schema_version": 0, "mode": "dub_video", "source": {"media": "a.mov"},
                 "speakers": [{"audio": "a.wav"}], "audio_type": "add"}""".getBytes(StandardCharsets.UTF_8);
        ShotSetup s = new ShotSetupFile(List.of(renameAudioType)).parse(Path.of("old.json"), v0);
        assertThat(s.schemaVersion()).isEqualTo(1);
        assertThat(s.audioMode()).isEqualTo(AudioMode.ADD);
        assertThatThrownBy(() -> files.parse(Path.of("old.json"), v0))
                .hasMessage("old.json: $.schema_version: 0 is too old; no migration from it");
    }

    @Test
    void documentLevelProblemsNameFileAndPath() {
        assertProblem("{\"schema_version\": 2, \"mode\": \"dub_video\"}",
                "$.schema_version: 2 was written by a newer TalkFX; this one reads up to 1");
        assertProblem("{\"mode\": \"dub_video\"}", "$.schema_version: is missing (this TalkFX writes version 1)");
        assertProblem("{\"schema_version\": \"1\"}", "$.schema_version: must be a whole number, got \"1\"");
        assertProblem("[1, 2]", "$: a shot setup must be a JSON object");
        assertThatThrownBy(() -> parse("{\"schema_version\": 1,, }")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("shot.json: $: not valid JSON:").hasMessageContaining("line 1, column 22");
        assertThatThrownBy(() -> files.load(dir.resolve("absent.json"))).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("absent.json") + ": shot setup not found");
    }

    @Test
    void bindingProblemsNameThePath() {
        String ok = "\"schema_version\": 1, \"source\": {\"media\": \"a.mov\"}, \"speakers\": [{\"audio\": \"a.wav\"}]";
        assertProblem("{" + ok + ", \"mode\": \"dub\"}", "$.mode: \"dub\" is not one of dub_video, animate_image");
        assertProblem("{\"schema_version\": 1, \"mode\": \"dub_video\", \"source\": {\"media\": \"a.mov\"},"
                        + " \"speakers\": [{\"audio\": \"a.wav\"}, {\"audio\": \"b.wav\", \"gain_db\": \"loud\"}]}",
                "$.speakers[1].gain_db: expected a number");
        assertProblem("{" + ok + ", \"mode\": \"dub_video\", \"region\": {\"kind\": \"heads_only\", \"blur\": 3}}",
                "$.region.blur: unknown field; known fields here: expand, feather, kind, mask_media");
        assertProblem("{" + ok + ", \"mode\": \"dub_video\", \"generation\": {\"steps\": 2.5}}",
                "$.generation.steps: expected a whole number");
        assertProblem("{" + ok + ", \"mode\": \"dub_video\", \"speakers\": {\"audio\": \"a.wav\"}}",
                "$.speakers: expected a list");
    }

    @Test
    void everyBadFieldIsReportedWithItsPath() {
        ShotSetup bad = new ShotSetup(1, null, new Source(" ", -1L, -5L, 0.0),
                List.of(new Speaker(null, Double.NaN, 30.0, true, 1),
                        new Speaker("b.wav", 0.0, -61.0, true, 1, -1.0, null),
                        new Speaker("c.wav", 0.0, 0.0, true, -2, 3.0, 2.0),
                        new Speaker("d.wav", 0.0, 0.0, true, null),
                        new Speaker("e.wav", 0.0, 0.0, true, null)),
                new Region(RegionKind.HEADS_ONLY, -1.0, 600.0, "mask.mov"),
                List.of(new FrameRange(10L, 10L), new FrameRange(null, 3L)),
                new Generation(Preset.FINAL, 0, -1L, 31.0, -0.5, "x".repeat(4001)), " ", AudioMode.PARA);
        assertThat(ShotSetupValidator.problems(bad)).containsExactly(
                "$.mode: is missing (dub_video or animate_image)",
                "$.source.media: is missing (the video or image file to regenerate)",
                "$.source.in_frame: must be >= 0, got -1",
                "$.source.out_frame: must be greater than in_frame (-1), got -5",
                "$.source.fps_fallback: must be in (0, 240], got 0.0",
                "$.speakers: has 5 speakers; at most 4",
                "$.speakers[0].audio: is missing (the speaker's audio file)",
                "$.speakers[0].offset_seconds: must be a finite number of seconds",
                "$.speakers[0].gain_db: must be between -60 and 24 dB, got 30.0",
                "$.speakers[1].gain_db: must be between -60 and 24 dB, got -61.0",
                "$.speakers[1].audio_in: must be a time >= 0 in seconds, got -1.0",
                "$.speakers[1].face_track: face track 1 is already assigned to another speaker",
                "$.speakers[2].audio_out: must be after audio_in (3.0 s), got 2.0",
                "$.speakers[2].face_track: must be >= 0, got -2",
                "$.region.feather: must be between 0 and 512 pixels, got -1.0",
                "$.region.expand: must be between -512 and 512 pixels, got 600.0",
                "$.region.mask_media: is only used with kind mask_clip (kind is heads_only)",
                "$.exclude_ranges[0]: must have 0 <= start < end, got [10, 10)",
                "$.exclude_ranges[1]: needs start and end frames",
                "$.generation.steps: must be between 1 and 200, got 0",
                "$.generation.seed: must be >= 0, got -1",
                "$.generation.text_guidance: must be between 0 and 30, got 31.0",
                "$.generation.audio_guidance: must be between 0 and 30, got -0.5",
                "$.generation.prompt: is 4001 characters; at most 4000",
                "$.model_directory: is blank (leave it out to use the configured model directory)");
        ShotSetup allOff = full().withSpeakers(List.of(new Speaker("a.wav", 0.0, 0.0, false, null)));
        assertThat(ShotSetupValidator.problems(allOff)).containsExactly("$.speakers: all speakers are disabled; enable at least one");
        assertThat(ShotSetupValidator.problems(full())).isEmpty();
    }

    @Test
    void loadingReportsAllSemanticProblemsAtOnce() {
        assertThatThrownBy(() -> parse("""
                {"schema_version": 1, "mode": "dub_video", "source": {"media": "a.mov", "fps_fallback": 500},
                 "speakers": [{"audio": "a.wav", "gain_db": 99}]}"""))
                .isInstanceOfSatisfying(InvalidShotSetupException.class, e -> assertThat(e.problems()).containsExactly(
                        "$.source.fps_fallback: must be in (0, 240], got 500.0",
                        "$.speakers[0].gain_db: must be between -60 and 24 dB, got 99.0"))
                .hasMessageStartingWith("shot.json: 2 problems: $.source.fps_fallback");
    }

    private ShotSetup parse(String json) {
        return files.parse(Path.of("shot.json"), json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertProblem(String json, String problem) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidShotSetupException.class).hasMessage("shot.json: " + problem);
    }
}
