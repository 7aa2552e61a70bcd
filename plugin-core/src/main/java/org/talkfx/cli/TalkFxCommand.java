package org.talkfx.cli;

/**
 * A {@code talkfx} subcommand. Implementations are picocli {@code @Command} classes with a public no-argument
 * constructor, listed in {@code META-INF/services/org.talkfx.cli.TalkFxCommand} of whichever module owns them, so
 * that the panel and the installer add subcommands without plugin-core depending on them.
 */
public interface TalkFxCommand {
    /** Position in {@code talkfx --help}; lower comes first. */
    default int order() {
        return 100;
    }
}
