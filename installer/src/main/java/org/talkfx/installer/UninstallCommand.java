package org.talkfx.installer;

import org.talkfx.cli.TalkFxCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Remove exactly the files 'talkfx install' put there.")
public final class UninstallCommand implements Callable<Integer>, TalkFxCommand {
    @ArgGroup
    InstallCommand.Where where = new InstallCommand.Where();

    @Override
    public int order() {
        return 61;
    }

    @Override
    public Integer call() {
        InstallTarget target = InstallCommand.target(where);
        List<Path> left = BundleInstaller.uninstall(target);
        System.out.println("Removed " + target.bundle());
        if (!left.isEmpty()) {
            System.out.println("Kept files that TalkFX did not install:");
            left.forEach(p -> System.out.println("  " + p));
        }
        return 0;
    }
}
