package org.talkfx.inference.t5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tiny Unigram tokenizer.json in umT5's layout (Metaspace, EOS template), tokenised through the real path. */
class UmT5TokenizerTest {
    @TempDir
    Path tmp;

    @Test
    void tokenisesWithUnigramScoresAndAppendsEos() throws IOException {
        Path dir = tmp.resolve("google/umt5-xxl");
        Files.createDirectories(dir);
        writeTinyTokenizer(dir.resolve("tokenizer.json"));
        try (UmT5Tokenizer t = UmT5Tokenizer.open(tmp)) {
            // "▁talk" (score -2) beats "▁ta" + "lk" (-3 + -3); unknown characters map to <unk> (2); EOS = 1
            assertThat(t.encode("talk")).containsExactly(6, 1);
            assertThat(t.encode("  talking \n\t head ")).containsExactly(6, 7, 8, 1);
            assertThat(t.encode("talk z")).containsExactly(6, 3, 2, 1);
            assertThat(t.encode("x".repeat(2000))).hasSize(UmT5Tokenizer.TEXT_LEN).endsWith(1L);
        }
    }

    @Test
    void cleansLikeWan() {
        assertThat(UmT5Tokenizer.clean("  a &amp;amp; b\n\n c ")).isEqualTo("a & b c");
    }

    @Test
    void explainsWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> UmT5Tokenizer.open(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no tokenizer.json");
        Files.writeString(tmp.resolve("spiece.model"), "x");
        assertThatThrownBy(() -> UmT5Tokenizer.open(tmp)).hasMessageContaining("only the sentencepiece model");
        Path broken = tmp.resolve("tokenizer.json");
        Files.writeString(broken, "{not json");
        assertThatThrownBy(() -> UmT5Tokenizer.open(broken)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokenizer.json");
    }

    static void writeTinyTokenizer(Path file) throws IOException {
        Map<String, Double> pieces = new LinkedHashMap<>();
        Object[][] list = {{"\u2581", -4.0}, {"\u2581ta", -3.0}, {"lk", -3.0}, {"\u2581talk", -2.0}, {"ing", -2.5},
                {"\u2581head", -2.0}, {"\u2581x", -6.0}, {"x", -5.0}};
        for (Object[] p : list) {
            pieces.put((String) p[0], (Double) p[1]);
        }
        UnigramTokenizerJson.write(file, pieces);
    }
}
