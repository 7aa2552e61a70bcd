package org.talkfx.inference.t5;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a small umT5-style Unigram {@code tokenizer.json} (ids 0-2 = pad, eos, unk; Metaspace pre-tokenizer; EOS
 * appended), the format the real google/umt5-xxl tokenizer uses, for tiny models and tests. Pieces keep the order
 * of the map and get ids from 3 on.
 */
public final class UnigramTokenizerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UnigramTokenizerJson() {
    }

    public static void write(Path file, Map<String, Double> pieces) throws IOException {
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
        for (String s : specials) {
            vocab.addArray().add(s).add(0.0);
        }
        pieces.forEach((piece, score) -> vocab.addArray().add(piece).add(score));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
