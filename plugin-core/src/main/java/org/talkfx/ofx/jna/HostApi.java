package org.talkfx.ofx.jna;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The host as seen through one OfxHost struct: its property set and the suites TalkFX uses. Required suites
 * (property, image effect, parameter) throw when missing; the others are optional.
 */
public final class HostApi {
    private final Pointer hostProperties;
    private final PropertySuite properties;
    private final ImageEffectSuite imageEffect;
    private final ParameterSuite parameters;
    private final VarargsHelpers helpers;
    private final MessageSuite message;
    private final ProgressSuite progress;
    private final MemorySuite memory;
    private final MultiThreadSuite multiThread;
    private final TimeLineSuite timeLine;

    public HostApi(Pointer ofxHost, VarargsHelpers helpers) {
        this.helpers = helpers;
        this.hostProperties = ofxHost.getPointer(0);
        Function fetch = Function.getFunction(ofxHost.getPointer(Native.POINTER_SIZE), Function.C_CONVENTION,
                StandardCharsets.UTF_8.name());
        Fetcher f = (name, version) -> fetch.invokePointer(new Object[] {hostProperties, name, version});
        this.properties = new PropertySuite(required(f, PropertySuite.NAME));
        this.imageEffect = new ImageEffectSuite(required(f, ImageEffectSuite.NAME));
        this.parameters = new ParameterSuite(required(f, ParameterSuite.NAME));
        Pointer message2 = f.fetch(MessageSuite.NAME, 2);
        Pointer message1 = message2 == null ? f.fetch(MessageSuite.NAME, 1) : null;
        this.message = message2 != null ? new MessageSuite(message2, 2, helpers)
                : message1 != null ? new MessageSuite(message1, 1, helpers) : null;
        Pointer progress2 = f.fetch(ProgressSuite.NAME, 2);
        Pointer progress1 = progress2 == null ? f.fetch(ProgressSuite.NAME, 1) : null;
        this.progress = progress2 != null ? new ProgressSuite(progress2, 2)
                : progress1 != null ? new ProgressSuite(progress1, 1) : null;
        Pointer mem = f.fetch(MemorySuite.NAME, 1);
        this.memory = mem == null ? null : new MemorySuite(mem);
        Pointer mt = f.fetch(MultiThreadSuite.NAME, 1);
        this.multiThread = mt == null ? null : new MultiThreadSuite(mt, helpers);
        Pointer tl = f.fetch(TimeLineSuite.NAME, 1);
        this.timeLine = tl == null ? null : new TimeLineSuite(tl);
    }

    private interface Fetcher {
        Pointer fetch(String name, int version);
    }

    private static Pointer required(Fetcher f, String name) {
        Pointer suite = f.fetch(name, 1);
        if (suite == null) {
            throw new IllegalStateException("the host has no " + name + " v1, which TalkFX needs");
        }
        return suite;
    }

    public Pointer hostProperties() {
        return hostProperties;
    }

    public PropertySuite properties() {
        return properties;
    }

    public ImageEffectSuite imageEffect() {
        return imageEffect;
    }

    public ParameterSuite parameters() {
        return parameters;
    }

    public VarargsHelpers helpers() {
        return helpers;
    }

    public Optional<MessageSuite> message() {
        return Optional.ofNullable(message);
    }

    public Optional<ProgressSuite> progress() {
        return Optional.ofNullable(progress);
    }

    public Optional<MemorySuite> memory() {
        return Optional.ofNullable(memory);
    }

    public Optional<MultiThreadSuite> multiThread() {
        return Optional.ofNullable(multiThread);
    }

    public Optional<TimeLineSuite> timeLine() {
        return Optional.ofNullable(timeLine);
    }
}
