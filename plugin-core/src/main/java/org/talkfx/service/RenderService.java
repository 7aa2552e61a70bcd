package org.talkfx.service;

import com.sun.net.httpserver.HttpServer;
import org.talkfx.cache.RenderCache;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code talkfx serve}: the one process per machine that owns the GPU and generates shots for the effect, the
 * panel and the CLI. HTTP/JSON on loopback (JDK HTTP server, {@link ApiHandler}), every job call authenticated
 * with the per-user token, a priority queue ({@link JobQueue}) worked by one thread, progress as server-sent
 * events, results in the shared cache. See {@code docs/service.md}.
 */
public final class RenderService implements AutoCloseable {
    public static final int API_VERSION = 1;
    /** Seconds a client may take to send one request (headers and body); see the static initializer. */
    public static final long MAX_REQUEST_SECONDS = 10;

    static {
        // The JDK server waits forever for a request that is still arriving, so a client that dribbles its headers
        // holds a worker thread for good. This JDK setting (read once, when the first HttpServer is created) closes
        // such connections; event streams are unaffected (their request is complete when they start). A value
        // given with -D wins.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        }
    }

    private final ServiceFiles files;
    private final JobQueue jobs;
    private final JobRunner runner;
    private final GpuLock gpuLock;
    private final HttpServer server;
    private final ThreadPoolExecutor httpThreads;
    private final Thread worker;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Job current;

    private RenderService(ServiceConfig config, JobExecutor executor, GpuLock gpuLock) throws IOException {
        this.gpuLock = gpuLock;
        InetAddress bind = InetAddress.getByName(config.host());
        boolean remote = !bind.isLoopbackAddress();
        if (remote && !config.allowRemote()) {
            throw new IllegalArgumentException("refusing to listen on " + config.host()
                    + ", which is not a loopback address; pass --allow-remote to serve other machines (the token is then required on every call)");
        }
        this.files = new ServiceFiles(config.stateDir());
        String token = files.ensureToken();
        MediaPolicy policy = new MediaPolicy(config.mediaRoots(), config.modelDirectory());
        this.jobs = new JobQueue(new JobStore(files.jobsDir()));
        RenderCache cache = new RenderCache(config.cacheDir(), config.cacheMaxBytes());
        executor.useCacheRoot(cache.root());
        this.runner = new JobRunner(executor, cache, policy, () -> stopping);
        this.server = HttpServer.create(new InetSocketAddress(bind, config.port()), 64);
        this.httpThreads = new ThreadPoolExecutor(4, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "talkfx-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(httpThreads);
        server.createContext("/", new ApiHandler(new ApiHandler.Service(token, files.tokenFile(), remote,
                config.maxBodyBytes(), executor.name(), policy, jobs, () -> current, () -> stopping, this::closeSoon)));
        this.worker = new Thread(this::work, "talkfx-render-worker");
    }

    /** Takes the GPU lock, binds, writes service.json and starts serving; {@link #close()} undoes all of it. */
    public static RenderService start(ServiceConfig config, JobExecutor executor) throws IOException {
        GpuLock lock = GpuLock.acquire(config.gpuLockFile());
        RenderService s;
        try {
            s = new RenderService(config, executor, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            s.server.start();
            s.worker.start();
            s.files.writeInfo(new ServiceInfo(ProcessHandle.current().pid(), config.host(), s.port(), version(),
                    System.currentTimeMillis()));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public ServiceFiles files() {
        return files;
    }

    public static String version() {
        String v = RenderService.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** Stops serving; a job in progress stays stored and resumes when a service starts again. */
    @Override
    public void close() throws IOException {
        if (stopping) {
            return;
        }
        stopping = true;
        server.stop(0);
        httpThreads.shutdownNow();
        try {
            worker.join(5000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                files.deleteInfo(ProcessHandle.current().pid());
                gpuLock.close();
            } finally {
                closed.countDown();
            }
        }
    }

    /** Blocks until the service has stopped (by {@link #close()} or {@code POST /v1/shutdown}). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Closes from another thread, so that the HTTP request asking for it can finish first. */
    private void closeSoon() {
        new Thread(() -> {
            try {
                close();
            } catch (IOException e) {
                System.err.println("talkfx serve: " + e.getMessage());
            }
        }, "talkfx-shutdown").start();
    }

    private void work() {
        while (!stopping) {
            Job job;
            try {
                job = jobs.next(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null || job.state().terminal()) {
                continue;
            }
            current = job;
            boolean finished = runner.run(job);
            current = null;
            if (!finished) {
                return;
            }
            jobs.retire(job);
        }
    }
}
