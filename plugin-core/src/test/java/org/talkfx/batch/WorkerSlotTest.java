package org.talkfx.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.pipeline.Pipeline;
import org.talkfx.inference.pipeline.TinyModel;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker keeps its loaded model across shots of the same model folder and swaps it for another folder. */
class WorkerSlotTest {
    @TempDir
    Path tmp;

    @Test
    void modelIsLoadedOncePerWorkerAndFolder() {
        Path a = TinyModel.write(tmp.resolve("a"), 7);
        Path b = TinyModel.write(tmp.resolve("b"), 8);
        try (WorkerSlot slot = new WorkerSlot(-1)) {
            assertThat(slot.where()).isEqualTo("the default device");
            Pipeline first = slot.pipeline(a, false, note -> { });
            assertThat(slot.pipeline(tmp.resolve("a/../a"), false, note -> { })).isSameAs(first);
            Pipeline other = slot.pipeline(b, false, note -> { });
            assertThat(other).isNotSameAs(first);
            assertThat(slot.pipeline(b, false, note -> { })).isSameAs(other);
        }
    }
}
