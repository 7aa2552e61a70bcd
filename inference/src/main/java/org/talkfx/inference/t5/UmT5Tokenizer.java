package org.talkfx.inference.t5;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The google/umt5-xxl tokenizer read from its {@code tokenizer.json} through DJL's HuggingFace tokenizers (the
 * native library ships inside the jar, so it works offline). Text is cleaned as Wan's HuggingfaceTokenizer does
 * with clean='whitespace' (HTML entities unescaped, runs of whitespace collapsed, trimmed), EOS appended and the
 * ids truncated to the text length of 512; no padding, since {@link UmT5Encoder#encode} wants the real tokens.
 */
public final class UmT5Tokenizer implements AutoCloseable {
    public static final int TEXT_LEN = 512;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final List<String> LOCATIONS = List.of("tokenizer.json", "google/umt5-xxl/tokenizer.json",
            "umt5-xxl/tokenizer.json");

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;

    private UmT5Tokenizer(Path file, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.tokenizer = tokenizer;
    }

    /** From a tokenizer.json file, or a model directory holding one (directly or in google/umt5-xxl/). */
    public static UmT5Tokenizer open(Path fileOrDir) {
        Path file = locate(fileOrDir);
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(true)
                    .optTruncation(true).optMaxLength(TEXT_LEN).optPadding(false).build();
            return new UmT5Tokenizer(file, t);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file, "is not a readable HuggingFace tokenizer.json: " + e.getMessage(), e);
        }
    }

    static Path locate(Path fileOrDir) {
        if (Files.isRegularFile(fileOrDir)) {
            if (fileOrDir.getFileName().toString().endsWith(".model")) {
                throw spieceOnly(fileOrDir);
            }
            return fileOrDir;
        }
        if (!Files.isDirectory(fileOrDir)) {
            throw new BadInputException(fileOrDir, "tokenizer not found (expected tokenizer.json or a folder holding it)");
        }
        for (String rel : LOCATIONS) {
            Path p = fileOrDir.resolve(rel);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (String rel : List.of("spiece.model", "google/umt5-xxl/spiece.model")) {
            if (Files.isRegularFile(fileOrDir.resolve(rel))) {
                throw spieceOnly(fileOrDir.resolve(rel));
            }
        }
        throw new BadInputException(fileOrDir, "no tokenizer.json here or in google/umt5-xxl/ (copy the google/umt5-xxl "
                + "folder of Wan-AI/Wan2.1-I2V-14B-480P, or google/umt5-xxl's tokenizer.json, into the model folder)");
    }

    private static BadInputException spieceOnly(Path p) {
        return new BadInputException(p, "only the sentencepiece model was found; TalkFX reads tokenizer.json, which "
                + "sits next to spiece.model in the google/umt5-xxl folder of Wan-AI/Wan2.1-I2V-14B-480P");
    }

    public Path file() {
        return file;
    }

    /** Token ids of the cleaned prompt, ending with EOS, at most 512. */
    public long[] encode(String prompt) {
        Encoding e = tokenizer.encode(clean(prompt));
        return e.getIds();
    }

    /** Wan's basic_clean + whitespace_clean, without ftfy (mojibake repair is not needed for typed prompts). */
    public static String clean(String text) {
        String t = unescapeHtml(unescapeHtml(text)).strip();
        return WHITESPACE.matcher(t).replaceAll(" ").strip();
    }

    private static String unescapeHtml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
