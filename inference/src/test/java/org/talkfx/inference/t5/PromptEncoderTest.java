package org.talkfx.inference.t5;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokenizer + encoder + cache: a prompt found in the cache does not load the encoder. */
class PromptEncoderTest {
    @TempDir
    Path tmp;

    @Test
    void cachedPromptsNeverLoadTheEncoder() throws IOException {
        Path model = tmp.resolve("umt5-xxl-enc-bf16.safetensors");
        SafetensorsWriter.write(model, UmT5Encoder.randomWeights(new UmT5Config(16, 8, 8, 16, 2, 2, 32, false, 1e-6f), 4),
                Map.of());
        Path tok = tmp.resolve("tokenizer.json");
        UmT5TokenizerTest.writeTinyTokenizer(tok);
        float[] first;
        try (NDManager m = Engines.pytorch().newBaseManager();
             PromptEncoder enc = new PromptEncoder(model, tok, tmp.resolve("cache"), m)) {
            first = enc.encode(m, "talking head").toFloatArray();
            assertThat(first).hasSize(4 * 8); // ▁talk, ing, ▁head, </s>
            assertThat(enc.encoderLoaded()).isTrue();
        }
        try (NDManager m = Engines.pytorch().newBaseManager();
             PromptEncoder enc = new PromptEncoder(model, tok, tmp.resolve("cache"), m)) {
            assertThat(enc.encode(m, "talking head").toFloatArray()).containsExactly(first);
            assertThat(enc.encoderLoaded()).isFalse();
        }
    }
}
