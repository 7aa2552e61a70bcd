package org.talkfx.hardening.fuzz;

import org.junit.jupiter.api.Test;
import org.talkfx.shot.InvalidShotSetupException;
import org.talkfx.shot.ShotSetupFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per fuzz finding, named after it; the finding inputs are also seeds (src/test/resources/fuzz/). */
class FuzzFindingsRegressionTest {
    /** "{" then four NUL bytes: Jackson takes the text for UTF-32 and fails decoding it with an IOException. */
    static byte[] utf32Lookalike() {
        return ("{\u0000\u0000\u0000\u0000ema_version\":1,\"mode\":\"animate_image\"}").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void regressionUtf32LookalikeShotSetupGaveUncheckedIOException() {
        assertThatThrownBy(() -> new ShotSetupFile().parse(Path.of("shot.talkfx.json"), utf32Lookalike()))
                .isInstanceOf(InvalidShotSetupException.class)
                .hasMessageStartingWith("shot.talkfx.json: $: not valid JSON text: ");
    }
}
