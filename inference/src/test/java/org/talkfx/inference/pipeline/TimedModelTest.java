package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.engine.Engines;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile wrapper of the whole-shot benchmark counts each network call of a real (tiny) render. */
class TimedModelTest {
    @TempDir
    Path tmp;

    @Test
    void countsAndTimesEveryNetworkCallOfAShotAndChangesNothing() {
        try (NDManager m = Engines.pytorch().newBaseManager();
             NetworkModel tiny = NetworkModel.load(m, TinyModel.write(tmp.resolve("tiny"), 7));
             TimedModel timed = new TimedModel(tiny)) {
            GenerationSettings s = Preset.DRAFT.settings(false).withWindow(9, 5);
            RenderRequest shot = new RenderRequest(Path.of("still.png"),
                    List.of(TinyModelPipelineTest.noiseImage(32, 32, 3)), true,
                    List.of(TinyModelPipelineTest.tone(0.52, 220, 0)), AudioMode.PARA, List.of(), null, 0,
                    Resolution.fixed(32, 32), s);
            RenderResult plain = new ShotRenderer(tiny, m).render(shot, NoiseSource.seeded(4), GenerationListener.NONE);
            RenderResult profiled = new ShotRenderer(timed, m).render(shot, NoiseSource.seeded(4), GenerationListener.NONE);

            assertThat(profiled.frames()).hasSameSizeAs(plain.frames());
            for (int i = 0; i < plain.frames().size(); i++) {
                assertThat(profiled.frames().get(i).rgb()).as("frame %d", i).isEqualTo(plain.frames().get(i).rgb());
            }
            int windows = profiled.windows();
            assertThat(windows).isGreaterThan(1);
            Map<String, long[]> calls = timed.calls();
            // Draft: one model call a step, no guidance
            assertThat(calls.get("denoise")[0]).isEqualTo((long) windows * s.steps());
            assertThat(calls.get("decode.3latents")[0]).isEqualTo(windows);
            assertThat(calls.get("audioFeatures")[0]).isEqualTo(1);
            assertThat(calls.values()).allSatisfy(v -> assertThat(v[1]).isPositive());
        }
    }
}
