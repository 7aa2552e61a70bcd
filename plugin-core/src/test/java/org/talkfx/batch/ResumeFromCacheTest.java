package org.talkfx.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cache.ContentHashes;
import org.talkfx.cache.RenderCache;
import org.talkfx.inference.pipeline.GenerationCancelledException;
import org.talkfx.inference.pipeline.GenerationListener;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoRequest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shot cancelled in its third window leaves its first two windows in the render cache and no output; the rerun
 * takes those two from the cache, generates the rest, and its frames equal those of an uninterrupted render.
 */
class ResumeFromCacheTest {
    @TempDir
    Path tmp;

    @Test
    void cancelledShotResumesAtItsFirstUncachedWindowWithIdenticalFrames() throws Exception {
        System.setProperty("talkfx.home", tmp.resolve("home").toString());
        BatchFixture fx = new BatchFixture(tmp);
        fx.voice("a.wav", 0.7, 150); // 17 frames: windows of 9 advancing by 4 -> 3 windows
        fx.shot("sh010", "de", "media:face.png", "media:a.wav");
        fx.shot("ref", "de", "media:face.png", "media:a.wav").put("output", "out:reference.mp4");
        fx.batch.put("output", "out:{shot}_{lang}.mp4");
        Path batchFile = fx.write();
        BatchFile batch = JobJson.read(batchFile, BatchFile.class, "batch file");
        List<BatchPlan.Planned> plan = BatchPlan.plan(batchFile, batch, fx.work(), Map.of(), null);
        PreparedShot shot = plan.get(0).prepared();
        RenderCache cache = new RenderCache(fx.cache, 1L << 30);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

        GenerationListener stopInThirdWindow = new GenerationListener() {
            private boolean third;

            @Override
            public void windowStarted(int window, int windows) {
                third |= window == 2;
            }

            @Override
            public boolean cancelled() {
                return third;
            }
        };
        assertThatThrownBy(() -> ShotRender.run(shot, cache, quiet, new AtomicBoolean(), stopInThirdWindow, null))
                .isInstanceOf(GenerationCancelledException.class);
        assertThat(shot.output()).doesNotExist();
        assertThat(cache.entries()).hasSize(2);

        List<String> seen = new ArrayList<>();
        GenerationListener record = new GenerationListener() {
            @Override
            public void windowStarted(int window, int windows) {
                seen.add("generated " + window);
            }

            @Override
            public void windowRestored(int window, int windows) {
                seen.add("cached " + window);
            }
        };
        ShotRender.Result resumed = ShotRender.run(shot, cache, quiet, new AtomicBoolean(), record, null);
        assertThat(seen).containsExactly("cached 0", "cached 1", "generated 2");
        assertThat(resumed.sidecar().path("frames").path("windows_from_cache").asInt()).isEqualTo(2);
        assertThat(resumed.sidecar().path("provenance").path("generated").path("windows_from_cache").asInt())
                .isEqualTo(2);

        // the same shot rendered in one go without any cache
        PreparedShot reference = PreparedShot.prepare(plan.get(1).job(), plan.get(1).jobFile(), Map.of(), null,
                new ContentHashes());
        ShotRender.run(reference, null, quiet, new AtomicBoolean(), null, null);
        assertThat(frames(shot.output())).hasSize(17);
        List<byte[]> a = frames(shot.output());
        List<byte[]> b = frames(reference.output());
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("frame " + i).isEqualTo(b.get(i));
        }
        assertThat(Files.size(shot.output())).isPositive();
    }

    private static List<byte[]> frames(Path file) {
        List<byte[]> out = new ArrayList<>();
        VideoDecoder.forEach(file, VideoRequest.sourceFrames(), f -> out.add(f.rgb().clone()));
        return out;
    }
}
