package org.talkfx.cli.doctor;

/**
 * One line of {@code talkfx doctor}: what was checked, what was found and, unless all is well, what to do about it.
 * Only {@link Level#FAIL} counts as a problem (non-zero exit); {@link Level#WARN} is worth knowing.
 */
public record Finding(Level level, String what, String detail, String fix) {
    public enum Level { OK, WARN, FAIL }

    public static Finding ok(String what, String detail) {
        return new Finding(Level.OK, what, detail, null);
    }

    public static Finding warn(String what, String detail, String fix) {
        return new Finding(Level.WARN, what, detail, fix);
    }

    public static Finding fail(String what, String detail, String fix) {
        return new Finding(Level.FAIL, what, detail, fix);
    }
}
