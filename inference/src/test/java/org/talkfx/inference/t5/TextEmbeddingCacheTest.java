package org.talkfx.inference.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.Weights;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Real encoder outputs cached, reused, kept apart per model and prompt, and recomputed when an entry is damaged. */
class TextEmbeddingCacheTest {
    @TempDir
    Path tmp;

    @Test
    void cachesPerModelAndPromptAndRecoversFromCorruption() throws IOException {
        UmT5Config config = new UmT5Config(100, 16, 16, 32, 2, 2, 32, false, 1e-6f);
        Path model = tmp.resolve("enc.safetensors");
        SafetensorsWriter.write(model, UmT5Encoder.randomWeights(config, 1), Map.of());
        TextEmbeddingCache cache = new TextEmbeddingCache(tmp.resolve("cache"));
        AtomicInteger runs = new AtomicInteger();
        String id = TextEmbeddingCache.identityOf(model);
        try (SafetensorsFile f = SafetensorsFile.open(model); NDManager m = Engines.pytorch().newBaseManager();
             UmT5Encoder enc = UmT5Encoder.load(m, Weights.of(f))) {
            java.util.function.Function<NDManager, NDArray> compute = mm -> {
                runs.incrementAndGet();
                return enc.encode(mm, new long[]{4, 5, 6, 1});
            };
            float[] first = cache.getOrCompute(m, id, "a woman talks", compute).toFloatArray();
            float[] second = cache.getOrCompute(m, id, "a woman talks", compute).toFloatArray();
            assertThat(runs).hasValue(1);
            assertThat(second).containsExactly(first);

            cache.getOrCompute(m, id, "a man talks", compute);
            cache.getOrCompute(m, id + "-other-model", "a woman talks", compute);
            assertThat(runs).hasValue(3);

            Path entry = cache.entry(id, "a woman talks");
            try (RandomAccessFile raf = new RandomAccessFile(entry.toFile(), "rw")) {
                raf.seek(raf.length() - 3); // flip data bytes: header still valid, checksum is not
                raf.write(new byte[]{1, 2, 3});
            }
            assertThat(cache.getOrCompute(m, id, "a woman talks", compute).toFloatArray()).containsExactly(first);
            assertThat(runs).hasValue(4);

            Files.write(entry, new byte[]{9, 9, 9}); // truncated garbage
            assertThat(cache.getOrCompute(m, id, "a woman talks", compute).toFloatArray()).containsExactly(first);
            assertThat(runs).hasValue(5);
            try (var files = Files.list(cache.dir())) {
                assertThat(files.filter(p -> p.toString().contains(".tmp"))).isEmpty();
            }
        }
    }

    @Test
    void identityFollowsContent() throws IOException {
        Path a = tmp.resolve("a.safetensors");
        Path b = tmp.resolve("b/a.safetensors");
        UmT5Config config = new UmT5Config(50, 8, 8, 16, 2, 1, 8, false, 1e-6f);
        SafetensorsWriter.write(a, UmT5Encoder.randomWeights(config, 1), Map.of());
        SafetensorsWriter.write(b, UmT5Encoder.randomWeights(config, 1), Map.of());
        assertThat(TextEmbeddingCache.identityOf(a)).isEqualTo(TextEmbeddingCache.identityOf(b));
        SafetensorsWriter.write(b, UmT5Encoder.randomWeights(config, 2), Map.of());
        assertThat(TextEmbeddingCache.identityOf(a)).isNotEqualTo(TextEmbeddingCache.identityOf(b));
    }
}
