package org.talkfx.inference.t5;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tiny Unigram tokenizer.json in umT5's layout (Metaspace, EOS template), tokenised through the real path. */
class UmT5TokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        String[] specials = {"<pad>", "</s>", "<unk>"};
        for (int i = 0; i < specials.length; i++) {
            added.addObject().put("id", i).put("content", specials[i]).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode meta = JSON.createObjectNode().put("type", "Metaspace").put("replacement", "\u2581")
                .put("prepend_scheme", "always").put("split", true);
        root.set("pre_tokenizer", meta);
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        post.putArray("single").addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ((ArrayNode) post.get("single")).addObject().putObject("SpecialToken").put("id", "</s>").put("type_id", 0);
        post.putArray("pair").addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ((ArrayNode) post.get("pair")).addObject().putObject("Sequence").put("id", "B").put("type_id", 0);
        ObjectNode eos = post.putObject("special_tokens").putObject("</s>");
        eos.put("id", "</s>");
        eos.putArray("ids").add(1);
        eos.putArray("tokens").add("</s>");
        root.set("decoder", meta.deepCopy());
        ObjectNode model = root.putObject("model");
        model.put("type", "Unigram").put("unk_id", 2).put("byte_fallback", false);
        ArrayNode vocab = model.putArray("vocab");
        Object[][] pieces = {{"<pad>", 0.0}, {"</s>", 0.0}, {"<unk>", 0.0}, {"\u2581", -4.0}, {"\u2581ta", -3.0},
                {"lk", -3.0}, {"\u2581talk", -2.0}, {"ing", -2.5}, {"\u2581head", -2.0}, {"\u2581x", -6.0}, {"x", -5.0}};
        for (Object[] p : pieces) {
            vocab.addArray().add((String) p[0]).add((Double) p[1]);
        }
        JSON.writeValue(file.toFile(), root);
    }
}
