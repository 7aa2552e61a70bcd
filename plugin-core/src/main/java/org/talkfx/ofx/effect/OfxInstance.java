package org.talkfx.ofx.effect;

import com.sun.jna.Pointer;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.talkfx.ofx.OfxStatus;
import org.talkfx.ofx.jna.HostApi;
import org.talkfx.ofx.jna.MultiThreadSuite;
import org.talkfx.ofx.props.HostPropertySet;
import org.talkfx.ofx.props.Props;

/** The host side of one effect instance: properties, clips, params and the host's services. */
public final class OfxInstance {
    private final HostApi host;
    private final Pointer handle;
    private final HostPropertySet props;
    private final Pointer paramSet;
    private final Map<String, Clip> clips = new ConcurrentHashMap<>();
    private final Map<String, Param> params = new ConcurrentHashMap<>();

    public OfxInstance(HostApi host, Pointer handle) {
        this.host = host;
        this.handle = handle;
        this.props = new HostPropertySet(host.properties(), host.imageEffect().getPropertySet(handle));
        this.paramSet = host.imageEffect().getParamSet(handle);
    }

    public Pointer handle() {
        return handle;
    }

    public HostApi host() {
        return host;
    }

    public HostPropertySet properties() {
        return props;
    }

    public String context() {
        return props.getString(Props.CONTEXT);
    }

    public Clip clip(String name) {
        return clips.computeIfAbsent(name, n -> {
            Pointer[] h = host.imageEffect().clipGetHandle(handle, n);
            return new Clip(host, n, h[0], h[1]);
        });
    }

    public Param param(String name) {
        return params.computeIfAbsent(name, n -> {
            Pointer[] h = host.parameters().getHandle(paramSet, n);
            return new Param(host, n, h[0], h[1]);
        });
    }

    /** Changes several params as one undoable edit (paramEditBegin/End). */
    public void editParams(String label, Runnable edits) {
        host.parameters().editBegin(paramSet, label);
        try {
            edits.run();
        } finally {
            host.parameters().editEnd(paramSet);
        }
    }

    /** True when the host wants the current render to stop. */
    public boolean aborted() {
        return host.imageEffect().abort(handle);
    }

    /** Shows a message through the host (type from MessageSuite: ERROR, WARNING, MESSAGE, LOG). */
    public void message(String type, String text) {
        host.message().ifPresent(m -> m.message(handle, type, "talkfx", text));
    }

    public void persistentMessage(String type, String text) {
        host.message().ifPresent(m -> m.setPersistentMessage(handle, type, "talkfx", text));
    }

    public void clearPersistentMessage() {
        host.message().ifPresent(m -> m.clearPersistentMessage(handle));
    }

    /** Starts a progress bar; returns false if the host has none. */
    public boolean progressStart(String label) {
        return host.progress().map(p -> p.start(handle, label, "talkfx.progress") == OfxStatus.OK).orElse(false);
    }

    /** Returns false when the user asked to stop. */
    public boolean progressUpdate(double fraction) {
        return host.progress().map(p -> p.update(handle, fraction) != OfxStatus.REPLY_NO).orElse(true);
    }

    public void progressEnd() {
        host.progress().ifPresent(p -> p.end(handle));
    }

    /** The host timeline's current frame, if the host tells. */
    public OptionalDouble timelineTime() {
        return host.timeLine().map(t -> t.time(handle)).orElse(OptionalDouble.empty());
    }

    /** Number of threads {@link #parallel} will use. */
    public int threadCount() {
        return host.multiThread().map(MultiThreadSuite::cpuCount).orElse(1);
    }

    /** Runs the task on the host's threads (or on this one when the host has no multithread suite). */
    public void parallel(int threads, MultiThreadSuite.Task task) throws Exception {
        if (threads <= 1 || host.multiThread().isEmpty()) {
            task.run(0, 1);
        } else {
            host.multiThread().get().run(threads, task);
        }
    }
}
