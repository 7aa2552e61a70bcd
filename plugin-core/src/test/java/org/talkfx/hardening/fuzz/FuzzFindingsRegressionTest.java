package org.talkfx.hardening.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.batch.BatchFileFuzzTarget;
import org.talkfx.common.BadInputException;
import org.talkfx.shot.InvalidShotSetupException;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.timeline.OtioReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per fuzz finding, named after it; the finding inputs are also seeds (JazzerTargetsTestInputs/<method>/ in the test resources). */
class FuzzFindingsRegressionTest {
    /** "{" then four NUL bytes: Jackson takes the text for UTF-32 and fails decoding it with an IOException. */
    static byte[] utf32Lookalike() {
        return ("{\u0000\u0000\u0000\u0000ema_version\":1,\"mode\":\"animate_image\"}").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void regressionDeeplyNestedShotSetupGaveNullPointerException() {
        // Jackson's nesting limit (1000) refuses with an exception that has no location; the message used it
        String json = "{\"schema_version\":1,\"source\":{\"media\":" + "[".repeat(1500) + "]".repeat(1500) + "}}";
        assertThatThrownBy(() -> new ShotSetupFile().parse(Path.of("shot.talkfx.json"), json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidShotSetupException.class)
                .hasMessageContaining("shot.talkfx.json: $: not valid JSON: ").hasMessageContaining("nesting depth");
    }

    @Test
    void regressionDeeplyNestedOtioGaveNullPointerException(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("edit.otio"),
                "{\"OTIO_SCHEMA\":\"Timeline.1\",\"tracks\":" + "[".repeat(1500) + "]".repeat(1500) + "}");
        assertThatThrownBy(() -> OtioReader.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not valid OTIO JSON: ").hasMessageContaining("nesting depth");
    }

    @Test
    void regressionNulByteInBatchRootGaveInvalidPathException(@TempDir Path scratch) {
        String batch = "{\"format\":\"talkfx-batch/1\",\"roots\":{\"media\":\"med\\u0000ia\"},\"output\":\"media:{shot}.mov\","
                + "\"shots\":[{\"shot\":\"sh010\",\"setup\":{\"schema_version\":1}}]}";
        assertThatThrownBy(() -> new BatchFileFuzzTarget().run(batch.getBytes(StandardCharsets.UTF_8), scratch))
                .isInstanceOf(BadInputException.class).hasMessageContaining("root 'media': not a usable folder");
    }

    @Test
    void regressionNulByteInRootReferenceGaveInvalidPathException(@TempDir Path scratch) {
        // a bad path in one shot is that shot's error (the plan goes on), not an exception out of the planner
        String batch = "{\"format\":\"talkfx-batch/1\",\"roots\":{\"media\":\"media\"},\"output\":\"media:{shot}.mov\","
                + "\"shots\":[{\"shot\":\"sh010\",\"setup\":{\"schema_version\":1,\"mode\":\"animate_image\","
                + "\"source\":{\"media\":\"media:face\\u0000.png\"},\"speakers\":[{\"audio\":\"media:a.wav\"}]}}]}";
        assertThatCode(() -> new BatchFileFuzzTarget().run(batch.getBytes(StandardCharsets.UTF_8), scratch))
                .doesNotThrowAnyException();
    }

    @Test
    void regressionUtf32LookalikeShotSetupGaveUncheckedIOException() {
        assertThatThrownBy(() -> new ShotSetupFile().parse(Path.of("shot.talkfx.json"), utf32Lookalike()))
                .isInstanceOf(InvalidShotSetupException.class)
                .hasMessageStartingWith("shot.talkfx.json: $: not valid JSON text: ");
    }
}
