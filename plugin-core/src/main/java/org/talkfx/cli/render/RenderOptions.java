package org.talkfx.cli.render;

import org.talkfx.inference.pipeline.AudioMode;
import org.talkfx.inference.pipeline.GenerationSettings;
import org.talkfx.inference.pipeline.Resolution;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link RenderJob} needs, parsed and validated by the CLI.
 *
 * @param models       model folder, or null for the built-in tiny random model
 * @param speakerBoxes per speaker (index 0 = speaker 1) a box x0,y0,x1,y1 in source pixels, for L-RoPE routing
 * @param headBoxes    head-only: boxes in source pixels whose union is regenerated
 * @param headMask     head-only: a mask picture (or a folder of one per source frame at 25 fps); white = regenerate
 * @param gainsDb      per speaker (1-based) gain in dB
 * @param keepSource   head-only: [from, to) second ranges where the output is the source, untouched
 */
public record RenderOptions(Path source, List<AudioSpec> audio, Path out, Path report, Path models, boolean headOnly,
                            List<int[]> speakerBoxes, List<int[]> headBoxes, Path headMask, int feather,
                            AudioMode mode, Map<Integer, Double> gainsDb, boolean loudness, Resolution resolution,
                            GenerationSettings settings, List<double[]> keepSource) {
}
