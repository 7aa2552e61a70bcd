package org.talkfx.cli;

import org.talkfx.common.BadInputException;
import org.talkfx.common.RuntimeSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

@Command(name = "talkfx", mixinStandardHelpOptions = true, versionProvider = TalkFxVersion.class,
        description = "InfiniteTalk lip-sync for video editors: render, batch, serve, install and check.",
        synopsisSubcommandLabel = "COMMAND")
public final class TalkFx implements Runnable {
    @Option(names = "--stacktrace", description = "Print the full stack trace of an error.", scope = CommandLine.ScopeType.INHERIT)
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TalkFx());
        loadCommands().stream()
                .sorted(Comparator.comparingInt(TalkFxCommand::order)
                        .thenComparing(c -> c.getClass().getAnnotation(Command.class).name()))
                .forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler(TalkFx::reportError);
        return cli;
    }

    /**
     * Every command whose classes load here. A runtime without some module (a jlinked runtime without java.desktop
     * has no panel) loses that command, not the whole CLI: the others still run and the missing one is named.
     */
    static List<TalkFxCommand> loadCommands() {
        List<TalkFxCommand> commands = new ArrayList<>();
        Iterator<TalkFxCommand> it = ServiceLoader.load(TalkFxCommand.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return commands;
                }
                commands.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                System.err.println("talkfx: a command is unavailable in this runtime: " + e.getMessage());
            }
        }
    }

    /** Errors a user can fix print one line naming the file and problem; bugs print their trace only on request. */
    private static int reportError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        boolean trace = parsed.hasMatchedOption("--stacktrace")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--stacktrace"));
        String message = e instanceof BadInputException || e.getMessage() != null
                ? e.getMessage() : e.getClass().getName();
        cli.getErr().println("talkfx: " + message);
        if (trace || !(e instanceof BadInputException)) {
            if (trace) {
                e.printStackTrace(cli.getErr());
            } else {
                cli.getErr().println("(run with --stacktrace for details)");
            }
        }
        return e instanceof BadInputException ? 2 : 1;
    }

    public static void main(String[] args) {
        RuntimeSetup.apply();
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
