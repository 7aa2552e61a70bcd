package org.talkfx.ofx.jna;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.talkfx.ofx.OfxException;
import org.talkfx.ofx.OfxStatus;

/**
 * OfxMultiThreadSuiteV1 (ofxMultiThread.h). One static callback serves every {@link #run} call, so the pointer
 * handed to the host outlives the call. The shim attaches each worker thread before the callback runs (and
 * detaches it at thread exit); the thread initializer keeps threads attached should JNA ever attach one itself
 * (attach + detach per call costs tens of microseconds).
 */
public final class MultiThreadSuite extends NativeSuite {
    public static final String NAME = "OfxMultiThreadSuite";

    /** Work done on one of the host's threads. */
    @FunctionalInterface
    public interface Task {
        void run(int threadIndex, int threadCount) throws Exception;
    }

    /** The C signature OfxThreadFunctionV1. */
    public interface ThreadFunction extends Callback {
        int invoke(int threadIndex, int threadMax, Pointer customArg);
    }

    private static final Map<Long, Running> RUNNING = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final ThreadFunction WORKER = MultiThreadSuite::work;

    static {
        Native.setCallbackThreadInitializer(WORKER, new CallbackThreadInitializer(true, false, "ofx-host-worker"));
    }

    private record Running(Task task, AtomicReference<Throwable> failure) {
    }

    private final Pointer table;
    private final VarargsHelpers helpers;

    public MultiThreadSuite(Pointer table, VarargsHelpers helpers) {
        super(NAME, table, 9);
        this.table = table;
        this.helpers = helpers;
    }

    public int cpuCount() {
        IntByReference out = new IntByReference();
        return call(1, out) == 0 ? Math.max(1, out.getValue()) : 1;
    }

    /** Runs the task on {@code threads} host threads and rethrows the first failure. */
    public void run(int threads, Task task) throws Exception {
        long id = NEXT_ID.getAndIncrement();
        Running running = new Running(task, new AtomicReference<>());
        RUNNING.put(id, running);
        try {
            int status = helpers.multiThread(table, WORKER, threads, new Pointer(id));
            Throwable failure = running.failure().get();
            if (failure instanceof Exception e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            }
            OfxException.check(status, "multiThread");
        } finally {
            RUNNING.remove(id);
        }
    }

    private static int work(int threadIndex, int threadMax, Pointer arg) {
        Running running = RUNNING.get(Pointer.nativeValue(arg));
        if (running == null) {
            return OfxStatus.ERR_BAD_HANDLE;
        }
        try {
            running.task().run(threadIndex, threadMax);
            return OfxStatus.OK;
        } catch (Throwable t) { // a callback must never let an exception reach native code
            running.failure().compareAndSet(null, t);
            return OfxStatus.FAILED;
        }
    }
}
