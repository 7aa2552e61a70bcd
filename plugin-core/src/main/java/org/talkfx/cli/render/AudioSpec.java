package org.talkfx.cli.render;

import java.nio.file.Path;

/**
 * One {@code --audio} argument: {@code file[@speaker][+offsetSeconds]}, e.g. {@code a.wav}, {@code b.wav@2},
 * {@code b.wav@2+1.5}. Speakers are numbered from 1; without a number the arguments take 1, 2, ... in order.
 */
public record AudioSpec(Path file, int speaker, double offsetSeconds) {
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
        return new AudioSpec(Path.of(rest), speaker, offset);
    }
}
