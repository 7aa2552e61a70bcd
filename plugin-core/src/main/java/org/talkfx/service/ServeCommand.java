package org.talkfx.service;

import org.talkfx.cache.RenderCache;
import org.talkfx.cli.TalkFxCommand;
import org.talkfx.common.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the render service: owns the GPU, queues and generates shots for the effect, the panel and the CLI.",
                "Listens on loopback with a per-user token; started on demand by clients when not running."})
public final class ServeCommand implements Callable<Integer>, TalkFxCommand {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (written to service.json).")
    int port;

    @Option(names = "--allow-remote", description = "Allow a non-loopback --host; every call then needs the token.")
    boolean allowRemote;

    @Option(names = "--state-dir", description = "Token, service.json and stored jobs (default: ~/.config/talkfx).")
    Path stateDir;

    @Option(names = "--media-root", paramLabel = "DIR", description = "A folder jobs may read media from; repeatable (default: your home folder).")
    List<Path> mediaRoots = new ArrayList<>();

    @Option(names = "--models", paramLabel = "DIR", description = "The model folder used when a setup names none.")
    Path models;

    @Option(names = "--cache-dir", description = "The render cache (default: ~/.cache/talkfx/render).")
    Path cacheDir;

    @Option(names = "--cache-max-gb", defaultValue = "50", description = "Cache size bound in GiB (default: ${DEFAULT-VALUE}).")
    double cacheMaxGb;

    @Option(names = "--max-body-kb", defaultValue = "1024", description = "Largest accepted request body in KiB (default: ${DEFAULT-VALUE}).")
    int maxBodyKb;

    @Option(names = "--gpu-lock", description = "Machine-wide lock file that makes this the one GPU owner (default: <tmp>/talkfx-gpu.lock).")
    Path gpuLock;

    @Option(names = "--executor", paramLabel = "NAME", description = "Generation engine to use (default: the highest-priority one installed).")
    String executorName;

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Integer call() throws Exception {
        JobExecutor executor = pickExecutor(executorName);
        ServiceConfig cfg = new ServiceConfig(host, port, allowRemote, stateDir != null ? stateDir : ServiceFiles.defaultDir(),
                mediaRoots.isEmpty() ? List.of(Path.of(System.getProperty("user.home"))) : mediaRoots, models,
                cacheDir != null ? cacheDir : RenderCache.defaultRoot(), (long) (cacheMaxGb * (1L << 30)),
                maxBodyKb * 1024, gpuLock != null ? gpuLock : GpuLock.defaultFile());
        RenderService service = RenderService.start(cfg, executor);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("talkfx serve: " + e.getMessage());
            }
        }, "talkfx-serve-stop"));
        System.out.println("talkfx serve: listening on http://" + cfg.host() + ":" + service.port() + " with executor "
                + executor.name() + "; token in " + service.files().tokenFile());
        System.out.flush();
        service.awaitClose();
        return 0;
    }

    static JobExecutor pickExecutor(String name) {
        List<JobExecutor> all = new ArrayList<>();
        ServiceLoader.load(JobExecutor.class).forEach(all::add);
        if (name != null) {
            return all.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new BadInputException(
                    "no generation engine named " + name + "; installed: " + all.stream().map(JobExecutor::name).toList()));
        }
        return all.stream().max(Comparator.comparingInt(JobExecutor::priority)).orElseThrow(() -> new BadInputException(
                "no generation engine is installed (no org.talkfx.service.JobExecutor on the class path)"));
    }
}
