package org.talkfx.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A batch job file ({@code talkfx batch jobs.json}): declared roots, an output name template, render defaults and
 * the shots. A shot gives its shot setup inline (paths written {@code root:relative}) or as {@code setup_file}, a
 * shot setup document on disk ({@code root:relative}; its own relative paths are relative to its folder).
 *
 * @param output template with {@code {shot}}, {@code {lang}} and {@code {index}}, e.g. {@code out:{shot}_{lang}.mov}
 */
public record BatchFile(String format, Map<String, String> roots, String output, RenderParams render,
                        List<Entry> shots) {
    public static final String FORMAT = "talkfx-batch/1";

    public BatchFile {
        roots = roots == null ? Map.of() : Map.copyOf(roots);
        render = render == null ? RenderParams.DEFAULT : render;
        shots = shots == null ? List.of() : List.copyOf(shots);
    }

    /** One shot of the batch; {@code output} and {@code render} override the batch's. */
    public record Entry(String shot, String lang, ObjectNode setup, String setupFile, String output,
                        RenderParams render) {
    }
}
