package org.talkfx.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * A shot job file ({@code talkfx render --job}): one shot, self-contained and portable. Its core is the shot setup
 * document ({@code docs/shot-setup.md}) whose paths are written {@code root:relative}; {@code roots} declares those
 * roots (folders relative to the job file, replaceable with {@code --root name=dir}); {@code inputs} holds the
 * SHA-256 of every input file so a farm node refuses inputs that differ from what was submitted.
 *
 * @param output where the result goes, {@code root:relative} ({@code .mov}, {@code .mp4} or a folder for PNGs)
 */
public record ShotJob(String format, String shot, String lang, Map<String, String> roots, ObjectNode setup,
                      RenderParams render, Map<String, String> inputs, String output) {
    public static final String FORMAT = "talkfx-shot-job/1";

    public ShotJob {
        roots = roots == null ? Map.of() : new TreeMap<>(roots);
        inputs = inputs == null ? Map.of() : new TreeMap<>(inputs);
        render = render == null ? RenderParams.DEFAULT : render;
    }

    /** {@code shot} or {@code shot_lang}: how reports and logs name this shot. */
    public String id() {
        return lang == null || lang.isBlank() ? shot : shot + "_" + lang;
    }
}
