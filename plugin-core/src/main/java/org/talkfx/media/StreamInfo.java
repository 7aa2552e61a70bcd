package org.talkfx.media;

/**
 * One stream of a media file. Video fields are 0 for audio streams and vice versa. {@code fps} is the average frame
 * rate (frames / duration) and {@code variableFrameRate} says whether it differs from the nominal rate.
 */
public record StreamInfo(int index, String type, String codec, double durationSeconds,
                         int width, int height, double fps, boolean variableFrameRate, long frameCount,
                         String pixelFormat, ColorInfo color,
                         int sampleRate, int channels, String sampleFormat) {
    public boolean isVideo() {
        return "video".equals(type);
    }

    public boolean isAudio() {
        return "audio".equals(type);
    }
}
