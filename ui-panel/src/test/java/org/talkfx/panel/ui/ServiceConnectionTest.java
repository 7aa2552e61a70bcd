package org.talkfx.panel.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.panel.model.ServiceStatus;
import org.talkfx.panel.work.ServiceConnection;
import org.talkfx.service.RenderService;
import org.talkfx.service.ServiceConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The indicator's states from a real service coming and going. */
class ServiceConnectionTest {
    @TempDir
    Path tmp;

    @Test
    void unreachableThenReadyThenUnreachableAgain() throws Exception {
        BlockingQueue<ServiceStatus> seen = new LinkedBlockingQueue<>();
        Path state = tmp.resolve("state");
        try (ServiceConnection c = new ServiceConnection(state, seen::add)) {
            c.watch();
            assertThat(seen.poll(10, TimeUnit.SECONDS).state()).isEqualTo(ServiceStatus.State.UNREACHABLE);
            assertThat(c.client()).isEmpty();
            try (RenderService s = RenderService.start(ServiceConfig.local(state, List.of(tmp), tmp.resolve("cache"), tmp.resolve("gpu.lock")),
                    new TintExecutor())) {
                assertThat(s.port()).isPositive();
                ServiceStatus ready = seen.poll(10, TimeUnit.SECONDS);
                assertThat(ready.state()).isEqualTo(ServiceStatus.State.READY);
                assertThat(ready.detail()).contains("tint-test");
                assertThat(c.client()).isPresent();
            }
            ServiceStatus gone = seen.poll(10, TimeUnit.SECONDS);
            assertThat(gone.state()).isEqualTo(ServiceStatus.State.UNREACHABLE);
            assertThat(gone.detail()).contains("talkfx serve");
        }
    }
}
