package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * How {@code talkfx batch EDIT.otio --mapping MAP.json} turns a timeline into shots (docs/batch.md): which video
 * track holds the shots, which audio tracks are speakers 1-4, the roots every media file and output lies under, and
 * settings for all shots or for one shot (by its name).
 *
 * @param videoTrack track name or 0-based index among the video tracks (null = the first video track)
 * @param speakers   per speaker 1..4 an audio track name or 0-based index among the audio tracks
 * @param setup      shot setup fields added to every shot's setup (generation, audio_mode, model_directory, region)
 * @param shots      per shot name: overrides
 */
public record OtioMapping(String format, JsonNode videoTrack, List<JsonNode> speakers, Map<String, String> roots,
                          String output, String lang, RenderParams render, ObjectNode setup, Map<String, Shot> shots) {
    public static final String FORMAT = "talkfx-otio-mapping/1";

    public OtioMapping {
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
        roots = roots == null ? Map.of() : Map.copyOf(roots);
        render = render == null ? RenderParams.DEFAULT : render;
        shots = shots == null ? Map.of() : Map.copyOf(shots);
    }

    /** Settings of one shot; {@code skip} leaves it out of the batch. */
    public record Shot(String output, String lang, RenderParams render, ObjectNode setup, Boolean skip) {
    }
}
