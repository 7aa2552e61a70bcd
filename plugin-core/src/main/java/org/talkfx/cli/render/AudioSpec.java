package org.talkfx.cli.render;

import java.nio.file.Path;

/**
 * One {@code --audio} argument: {@code file[@speaker][+offsetSeconds]}, e.g. {@code a.wav}, {@code b.wav@2},
 * {@code b.wav@2+1.5}, or {@code silence:SECONDS[@speaker]} for a listening/idle speaker. Speakers are numbered
 * from 1; without a number the arguments take 1, 2, ... in order.
 *
 * @param silenceSeconds > 0 for generated silence instead of a file
 * @param inSeconds       where in the file the part that plays starts (a trimmed timeline clip; 0 = its start)
 * @param durationSeconds how much of the file plays from {@code inSeconds} (infinity = to its end); the part is
 *                        placed at {@code offsetSeconds}
 */
public record AudioSpec(Path file, int speaker, double offsetSeconds, double silenceSeconds, double inSeconds,
                        double durationSeconds) {
    public AudioSpec {
        if (!(inSeconds >= 0) || !(durationSeconds > 0)) {
            throw new IllegalArgumentException(file + ": audio in-point must be >= 0 and duration > 0");
        }
    }

    public AudioSpec(Path file, int speaker, double offsetSeconds, double silenceSeconds) {
        this(file, speaker, offsetSeconds, silenceSeconds, 0, Double.POSITIVE_INFINITY);
    }

    public AudioSpec(Path file, int speaker, double offsetSeconds) {
        this(file, speaker, offsetSeconds, 0);
    }

    /** Whether only part of the file plays. */
    public boolean trimmed() {
        return inSeconds > 0 || Double.isFinite(durationSeconds);
    }

    public static AudioSpec parse(String text) {
        String rest = text;
        double offset = 0;
        int plus = rest.lastIndexOf('+');
        if (plus > 0 && rest.substring(plus + 1).matches("\\d+(\\.\\d+)?")) {
            offset = Double.parseDouble(rest.substring(plus + 1));
            rest = rest.substring(0, plus);
        }
        int speaker = 0;
        int at = rest.lastIndexOf('@');
        if (at > 0 && rest.substring(at + 1).matches("\\d+")) {
            speaker = Integer.parseInt(rest.substring(at + 1));
            rest = rest.substring(0, at);
            if (speaker < 1 || speaker > 4) {
                throw new IllegalArgumentException("--audio " + text + ": speaker must be 1 to 4");
            }
        }
        if (rest.startsWith("silence:")) {
            double seconds;
            try {
                seconds = Double.parseDouble(rest.substring("silence:".length()));
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("--audio " + text + ": expected silence:SECONDS");
            }
            return new AudioSpec(Path.of(rest), speaker, offset, seconds);
        }
        return new AudioSpec(Path.of(rest), speaker, offset, 0);
    }
}
