package org.talkfx.cli.doctor;

import org.talkfx.service.ServiceClient;
import org.talkfx.service.ServiceFiles;
import org.talkfx.service.ServiceInfo;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Whether the render service runs (state folder, pid, health answer) and where it listens. */
public final class ServiceCheck implements DoctorCheck {
    @Override
    public int order() {
        return 30;
    }

    @Override
    public String title() {
        return "Render service";
    }

    @Override
    public List<Finding> run() {
        ServiceFiles files = new ServiceFiles(ServiceFiles.defaultDir());
        Finding state = Finding.ok("state folder", files.dir().toString());
        try {
            Optional<ServiceClient> running = ServiceClient.discover(files.dir());
            if (running.isPresent()) {
                Optional<ServiceInfo> info = files.readInfo();
                return List.of(state, Finding.ok("running", running.get().base() + info.map(i -> " (pid " + i.pid()
                        + ", version " + i.version() + ")").orElse("")));
            }
            String stale = files.readInfo().map(i -> "; a stale service.json names pid " + i.pid() + " port " + i.port())
                    .orElse("");
            return List.of(state, Finding.warn("running", "no (the effect, the panel and the CLI start it on demand)" + stale,
                    "nothing to do; to keep one running: talkfx serve (log: " + files.logFile() + ")"));
        } catch (IOException e) {
            return List.of(state, Finding.fail("running", "cannot read the state folder: " + e.getMessage(),
                    "check the permissions of " + files.dir() + " or set TALKFX_STATE_DIR"));
        }
    }
}
