package org.talkfx.panel.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.panel.TestMedia;
import org.talkfx.panel.model.RecentFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window on a real X display (Xvfb when there is no $DISPLAY): open a setup, import a timeline, assign
 * speakers and a head with mouse clicks, generate through a real render service, save with Ctrl+S. The window
 * runs in its own JVM (AWT reads the display when it loads, and the build runs tests headless); screenshots of the
 * main states land in target/screenshots/.
 */
class PanelWindowTest {
    @TempDir
    Path tmp;

    @Test
    void editorSetsUpAShotThroughTheWindow() throws Exception {
        assertThat(TestMedia.root().resolve("deps/images/astronaut.png"))
                .as("run scripts/install-test-deps first (portrait images)").exists();
        Path shots = TestMedia.root().resolve("ui-panel/target/screenshots");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path log = tmp.resolve("scenario.log");
        int exit;
        try (VirtualDisplay display = VirtualDisplay.open(tmp.resolve("xvfb.log"))) {
            Process p = display.launch(PanelScenario.class, List.of(work.toString(), shots.toString()), log);
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the window scenario did not finish in 240 s:\n" + Files.readString(log));
            }
            exit = p.exitValue();
        }
        assertThat(exit).as("scenario output:\n%s", Files.readString(log)).isZero();

        JsonNode result = new ObjectMapper().readTree(work.resolve("result.json").toFile());
        JsonNode doc = new ObjectMapper().readTree(work.resolve("shot.talkfx.json").toFile());
        assertThat(doc.at("/speakers")).hasSize(2);
        assertThat(doc.at("/speakers/0/audio").asText()).isEqualTo("anna.wav");
        assertThat(doc.at("/speakers/0/offset_seconds").asDouble()).isEqualTo(-0.25);
        assertThat(doc.at("/speakers/0/face_track").asInt()).isEqualTo(result.get("head_track").asInt());
        assertThat(doc.at("/speakers/1/audio").asText()).isEqualTo("ben.wav");
        assertThat(doc.at("/speakers/1/offset_seconds").asDouble()).isEqualTo(0.5);
        assertThat(doc.at("/speakers/1/face_track").isMissingNode()).isTrue();
        assertThat(doc.at("/audio_mode").asText()).isEqualTo("add");
        assertThat(doc.at("/region/kind").asText()).isEqualTo("heads_only");
        assertThat(doc.at("/region/feather").asDouble()).isEqualTo(24.0);
        assertThat(doc.at("/region/expand").asDouble()).isEqualTo(6.0);
        // dragged on the ruler from 2.0 s to 2.5 s of the effect clip at 24 fps: frames 48..60, give or take a pixel
        assertThat(doc.at("/exclude_ranges")).hasSize(1);
        assertThat(doc.at("/exclude_ranges/0/start").asLong()).isBetween(46L, 50L);
        assertThat(doc.at("/exclude_ranges/0/end").asLong()).isBetween(59L, 63L);
        assertThat(work.resolve("shot.talkfx.json.bak")).exists();
        assertThat(new RecentFiles(work.resolve("config")).list()).contains(work.resolve("shot.talkfx.json"));

        assertThat(result.get("service_state").asText()).isEqualTo("READY");
        assertThat(result.get("cancelled_state").asText()).isEqualTo("CANCELLED");
        assertThat(result.get("cancelled_text").asText()).startsWith("cancelled after ");
        assertThat(doc.at("/speakers/1/gain_db").asDouble()).isEqualTo(-3.0);
        assertThat(result.get("job_state").asText()).isEqualTo("DONE");
        assertThat(result.get("windows_landed").asInt()).isBetween(1, TintExecutor.WINDOWS);
        assertThat(result.get("progress_text").asText()).startsWith("done: " + TintExecutor.WINDOWS + " windows");
        assertThat(result.get("generated_width").asInt()).isEqualTo(128);   // astronaut.png 512x512 at quarter size
        assertThat(result.get("generated_height").asInt()).isEqualTo(128);
        assertThat(result.get("batch_shots").asInt()).isEqualTo(1);
        assertThat(result.get("unreachable_detail").asText()).contains("talkfx serve");
        assertThat(result.get("title").asText()).isEqualTo("TalkFX — shot.talkfx.json");
        assertThat(result.get("problem_after_drop").asText()).isEqualTo("speaker 3 (gone): media missing: " + work.resolve("gone.wav"));

        for (String name : List.of("01-opened", "02-timeline", "03-heads", "04-running", "05-generated", "06-original", "07-batch", "08-dropped-missing", "09-keyboard", "10-unreachable")) {
            BufferedImage img = ImageIO.read(shots.resolve(name + ".png").toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(distinctColours(img)).as(name + " shows more than a blank window").isGreaterThan(20);
        }
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
