package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad shots get their own clear errors and the good shot still renders; the exit code says not all succeeded. */
class BadInputBatchTest {
    @TempDir
    Path tmp;

    @Test
    void eachBadShotFailsAloneAndTheGoodOneFinishes() throws Exception {
        System.setProperty("talkfx.home", tmp.resolve("home").toString());
        BatchFixture fx = new BatchFixture(tmp);
        fx.voice("a.wav", 0.3, 140);
        Files.write(fx.media.resolve("broken.wav"), "RIFF....this is not audio at all".getBytes());
        fx.voice("outside.wav", 0.3, 140);
        Files.move(fx.media.resolve("outside.wav"), tmp.resolve("project/outside.wav"));
        fx.shot("good", "de", "media:face.png", "media:a.wav");
        fx.shot("nosource", "de", "media:missing.png", "media:a.wav");
        fx.shot("badaudio", "de", "media:face.png", "media:broken.wav");
        fx.shot("escape", "de", "media:face.png", "media:../outside.wav");
        fx.shot("dup1", "de", "media:face.png", "media:a.wav").put("output", "out:same.mov");
        fx.shot("dup2", "de", "media:face.png", "media:a.wav").put("output", "out:same.mov");
        Path batch = fx.write();

        int code = new CommandLine(new BatchCommand()).execute(batch.toString(), "--cache-dir", fx.cache.toString());
        assertThat(code).isEqualTo(1);

        JsonNode good = fx.shotReport("good_de");
        assertThat(good.path("status").asText()).isEqualTo("done");
        assertThat(fx.out.resolve("good_de.mov")).isRegularFile();
        assertThat(error(fx, "nosource_de")).contains("missing.png").contains("source is missing");
        assertThat(error(fx, "badaudio_de")).contains("broken.wav").contains("unreadable audio file");
        assertThat(error(fx, "escape_de")).contains("../outside.wav").contains("outside the declared roots");
        assertThat(error(fx, "dup1_de")).contains("same.mov").contains("duplicate output name")
                .contains("dup1_de, dup2_de");
        assertThat(error(fx, "dup2_de")).contains("duplicate output name");
        assertThat(fx.out.resolve("same.mov")).doesNotExist();
        assertThat(fx.report().path("summary").path("failed").asInt()).isEqualTo(5);
    }

    private static String error(BatchFixture fx, String id) throws Exception {
        JsonNode r = fx.shotReport(id);
        assertThat(r.path("status").asText()).as(id).isEqualTo("failed");
        return r.path("error").asText();
    }
}
