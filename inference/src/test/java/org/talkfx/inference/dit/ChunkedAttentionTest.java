package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedAttentionTest {
    @Test
    void chunksGiveTheUnchunkedResultAndLeaveOnlyTheResultBehind() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(1, 50, 2, 8));
            NDArray k = m.randomNormal(new Shape(1, 30, 2, 8));
            NDArray v = m.randomNormal(new Shape(1, 30, 2, 8));
            float[] whole = AttentionBackend.unchunked().attend(q, k, v).toFloatArray();
            int before = m.getManagedArrays().size();
            NDArray chunked = AttentionBackend.chunked(7 * 2 * 30 * 4).attend(q, k, v); // 8 chunks of <= 7 queries
            assertThat(m.getManagedArrays().size()).isEqualTo(before + 1);
            float[] c = chunked.toFloatArray();
            for (int i = 0; i < c.length; i++) {
                assertThat(Math.abs(c[i] - whole[i])).isLessThan(1e-6f);
            }
        }
    }
}
