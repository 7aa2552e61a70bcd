package org.talkfx.panel.work;

import org.talkfx.panel.model.ServiceStatus;
import org.talkfx.service.ServiceClient;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.nio.file.Path;

/**
 * Keeps the panel's idea of the render service current: finds (or, on request, starts) the service in the state
 * folder, then asks {@code /v1/health} every two seconds. Status changes go to {@code onStatus} on a background
 * thread; the window moves them to the event thread.
 */
public final class ServiceConnection implements AutoCloseable {
    private static final long POLL_MS = 2000;
    private final Path stateDir;
    private final Consumer<ServiceStatus> onStatus;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "talkfx-panel-service");
        t.setDaemon(true);
        return t;
    });
    private volatile ServiceClient client;
    private volatile ServiceStatus last;

    public ServiceConnection(Path stateDir, Consumer<ServiceStatus> onStatus) {
        this.stateDir = stateDir;
        this.onStatus = onStatus;
    }

    /** Starts polling (discovering a running service; never starting one). */
    public void watch() {
        worker.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts the service if none runs (in the background); the indicator shows "starting" meanwhile. */
    public void startService() {
        worker.execute(() -> {
            report(ServiceStatus.starting());
            try {
                client = ServiceClient.connectOrStart(stateDir, ServiceClient.defaultServeCommand(stateDir), Duration.ofSeconds(60));
                report(ServiceStatus.fromHealth(client.health()));
            } catch (Exception e) {
                report(ServiceStatus.fromError(e.getMessage()));
            }
        });
    }

    private void poll() {
        try {
            ServiceClient c = client;
            if (c == null) {
                Optional<ServiceClient> found = ServiceClient.discover(stateDir);
                if (found.isEmpty()) {
                    if (last == null || last.state() != ServiceStatus.State.STARTING) {
                        report(ServiceStatus.fromError("no render service is running for " + stateDir));
                    }
                    return;
                }
                c = client = found.get();
            }
            report(ServiceStatus.fromHealth(c.health()));
        } catch (Exception e) {
            client = null;
            report(ServiceStatus.fromError(e.getMessage()));
        }
    }

    /** A failure seen while using the service (a job that failed on missing models, say) updates the indicator. */
    public void report(ServiceStatus s) {
        if (!s.equals(last)) {
            last = s;
            onStatus.accept(s);
        }
    }

    public Optional<ServiceClient> client() {
        return Optional.ofNullable(client);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
