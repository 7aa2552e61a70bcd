package org.talkfx.ofx;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talkfx.common.RuntimeSetup;
import org.talkfx.ofx.effect.OfxEffect;
import org.talkfx.ofx.effect.OfxEffects;
import org.talkfx.ofx.jna.HostApi;
import org.talkfx.ofx.jna.VarargsHelpers;

/**
 * Where the C shim enters Java, through JNI (see docs/decision-ofx-bridge.md): {@link #start} once per process,
 * {@link #setHost} whenever the host hands over a new OfxHost, {@link #dispatch} for every action except
 * Describe. Static because JNI enters through static methods; all state sits in one {@link Bridge}.
 */
public final class OfxEntry {
    private static final Logger LOG = LoggerFactory.getLogger(OfxEntry.class);

    private record Bridge(Path bundle, VarargsHelpers helpers, Dispatcher dispatcher) {
    }

    /** The C shim enters through static JNI calls, and there is one JVM per host process: this is its one bridge. */
    private static volatile Bridge bridge;

    private OfxEntry() {
    }

    /**
     * Called once, on the thread that started or found the JVM.
     *
     * @param shimPath the TalkFX.ofx binary, for the log
     * @param helpersTable the shim's table of helper functions ({@link VarargsHelpers})
     */
    public static void start(String shimPath, String bundlePath, long helpersTable) {
        Thread.currentThread().setContextClassLoader(OfxEntry.class.getClassLoader());
        RuntimeSetup.apply();
        Map<String, OfxEffect> effects = OfxEffects.byIdentifier(OfxEntry.class.getClassLoader());
        bridge = new Bridge(Path.of(bundlePath), new VarargsHelpers(new Pointer(helpersTable)), new Dispatcher(effects));
        LOG.info("TalkFX OFX bridge started from {} with effects {}", shimPath, effects.keySet());
    }

    public static void setHost(long ofxHost) {
        Bridge b = bridge;
        b.dispatcher().setHost(new HostApi(new Pointer(ofxHost), b.helpers()));
    }

    /** Returns an OfxStatus; never throws. */
    public static int dispatch(String pluginId, String action, long handle, long inArgs, long outArgs) {
        Thread current = Thread.currentThread();
        if (current.getContextClassLoader() != OfxEntry.class.getClassLoader()) { // host threads attach with none
            current.setContextClassLoader(OfxEntry.class.getClassLoader());
        }
        return bridge.dispatcher().dispatch(pluginId, action, handle, inArgs, outArgs);
    }

    /** The bundle directory (TalkFX.ofx.bundle), when running inside a host. */
    public static Optional<Path> bundle() {
        Bridge b = bridge;
        return b == null ? Optional.empty() : Optional.of(b.bundle());
    }
}
