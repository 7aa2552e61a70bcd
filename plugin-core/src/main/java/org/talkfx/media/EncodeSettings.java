package org.talkfx.media;

/**
 * What to write. {@code fpsNum/fpsDen} is the frame rate (e.g. 25/1, 30000/1001); frames written without a timestamp
 * follow it. {@code audio} is muxed when not null. {@code expectedFrames} (0 if unknown) only feeds progress.
 * {@code crf} and {@code preset} tune x264 and are ignored by the other formats.
 */
public record EncodeSettings(OutputFormat format, int width, int height, int fpsNum, int fpsDen, ColorInfo color,
                             PcmAudio audio, long expectedFrames, int crf, String preset) {
    public EncodeSettings {
        if (width <= 0 || height <= 0 || fpsNum <= 0 || fpsDen <= 0) {
            throw new IllegalArgumentException("size and frame rate must be positive");
        }
        if (format != OutputFormat.PNG_SEQUENCE && (width % 2 != 0 || height % 2 != 0)) {
            throw new IllegalArgumentException(format + " needs an even width and height, got " + width + "x" + height);
        }
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("x264 crf must be 0..51, got " + crf);
        }
        preset = preset == null ? "medium" : preset;
        color = color == null ? ColorInfo.BT709_LIMITED : color.orDefaults();
        if (format == OutputFormat.PRORES_422_HQ && color.fullRange()) {
            // ProRes is video range by definition and QuickTime cannot signal otherwise: convert, do not mislabel.
            color = new ColorInfo(ColorInfo.BT709_LIMITED.range(), color.space(), color.primaries(), color.transfer());
        }
    }

    public static EncodeSettings of(OutputFormat format, int width, int height, int fps) {
        return new EncodeSettings(format, width, height, fps, 1, ColorInfo.BT709_LIMITED, null, 0, 18, "medium");
    }

    public EncodeSettings withFrameRate(int num, int den) {
        return new EncodeSettings(format, width, height, num, den, color, audio, expectedFrames, crf, preset);
    }

    public EncodeSettings withColor(ColorInfo c) {
        return new EncodeSettings(format, width, height, fpsNum, fpsDen, c, audio, expectedFrames, crf, preset);
    }

    public EncodeSettings withAudio(PcmAudio a) {
        return new EncodeSettings(format, width, height, fpsNum, fpsDen, color, a, expectedFrames, crf, preset);
    }

    public EncodeSettings withExpectedFrames(long n) {
        return new EncodeSettings(format, width, height, fpsNum, fpsDen, color, audio, n, crf, preset);
    }

    public EncodeSettings withX264(int newCrf, String newPreset) {
        return new EncodeSettings(format, width, height, fpsNum, fpsDen, color, audio, expectedFrames, newCrf, newPreset);
    }

    public double fps() {
        return fpsNum / (double) fpsDen;
    }
}
