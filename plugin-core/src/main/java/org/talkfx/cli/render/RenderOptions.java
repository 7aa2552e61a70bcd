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
 * @param sourceStart  seconds into the source where the shot starts (a timeline clip's in-point; 0 = first frame)
 * @param sourceLength seconds of source the shot may use from {@code sourceStart} (infinity = to the end)
 */
public record RenderOptions(Path source, List<AudioSpec> audio, Path out, Path report, Path models, boolean headOnly,
                            List<int[]> speakerBoxes, List<int[]> headBoxes, Path headMask, int feather,
                            AudioMode mode, Map<Integer, Double> gainsDb, boolean loudness, Resolution resolution,
                            GenerationSettings settings, List<double[]> keepSource, double sourceStart,
                            double sourceLength) {
    public RenderOptions {
        if (!(sourceStart >= 0) || !(sourceLength > 0)) {
            throw new IllegalArgumentException("source start must be >= 0 and length > 0");
        }
    }

    /** Options using the source from its first frame. */
    public RenderOptions(Path source, List<AudioSpec> audio, Path out, Path report, Path models, boolean headOnly,
                         List<int[]> speakerBoxes, List<int[]> headBoxes, Path headMask, int feather,
                         AudioMode mode, Map<Integer, Double> gainsDb, boolean loudness, Resolution resolution,
                         GenerationSettings settings, List<double[]> keepSource) {
        this(source, audio, out, report, models, headOnly, speakerBoxes, headBoxes, headMask, feather, mode, gainsDb,
                loudness, resolution, settings, keepSource, 0, Double.POSITIVE_INFINITY);
    }
}
