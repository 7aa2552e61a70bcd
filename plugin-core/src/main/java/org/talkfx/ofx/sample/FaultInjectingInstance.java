package org.talkfx.ofx.sample;

import java.util.Map;
import java.util.Optional;
import org.talkfx.ofx.effect.ChangeArgs;
import org.talkfx.ofx.effect.ClipPreferences;
import org.talkfx.ofx.effect.EffectInstance;
import org.talkfx.ofx.effect.RenderArgs;
import org.talkfx.ofx.effect.SequenceArgs;
import org.talkfx.ofx.image.RectD;

/**
 * For the fault-injection tests of the OFX bridge (HostFaultInjectionTest): wraps an instance and makes one action throw.
 * The sample effect uses it when the environment variable {@value #ENV} names an action (a method of
 * EffectInstance, or "createInstance"); "<action>:oom" throws a real OutOfMemoryError instead of an exception.
 */
final class FaultInjectingInstance implements EffectInstance {
    static final String ENV = "TALKFX_SAMPLE_FAULT";

    private final EffectInstance inner;
    private final String action;
    private final boolean oom;

    private FaultInjectingInstance(EffectInstance inner, String action, boolean oom) {
        this.inner = inner;
        this.action = action;
        this.oom = oom;
    }

    /** {@code inner} itself unless {@code spec} (the variable's value) asks for a fault; may throw for createInstance. */
    static EffectInstance wrap(EffectInstance inner, String spec) {
        if (spec == null || spec.isBlank()) {
            return inner;
        }
        String[] parts = spec.split(":", 2);
        FaultInjectingInstance f = new FaultInjectingInstance(inner, parts[0], parts.length > 1 && parts[1].equals("oom"));
        f.maybeFail("createInstance");
        return f;
    }

    private void maybeFail(String name) {
        if (!name.equals(action)) {
            return;
        }
        if (oom) {
            long[] tooBig = new long[Integer.MAX_VALUE]; // a real OutOfMemoryError: larger than any array may be
            throw new IllegalStateException("unreachable " + tooBig.length);
        }
        throw new IllegalStateException("injected fault in " + name);
    }

    @Override
    public void render(RenderArgs args) throws Exception {
        maybeFail("render");
        inner.render(args);
    }

    @Override
    public void beginSequenceRender(SequenceArgs args) throws Exception {
        maybeFail("beginSequenceRender");
        inner.beginSequenceRender(args);
    }

    @Override
    public void endSequenceRender(SequenceArgs args) throws Exception {
        maybeFail("endSequenceRender");
        inner.endSequenceRender(args);
    }

    @Override
    public Optional<RectD> regionOfDefinition(double time, double[] renderScale) throws Exception {
        maybeFail("regionOfDefinition");
        return inner.regionOfDefinition(time, renderScale);
    }

    @Override
    public Map<String, RectD> regionsOfInterest(double time, double[] renderScale, RectD region) throws Exception {
        maybeFail("regionsOfInterest");
        return inner.regionsOfInterest(time, renderScale, region);
    }

    @Override
    public boolean clipPreferences(ClipPreferences preferences) throws Exception {
        maybeFail("clipPreferences");
        return inner.clipPreferences(preferences);
    }

    @Override
    public Optional<Identity> isIdentity(RenderArgs args) throws Exception {
        maybeFail("isIdentity");
        return inner.isIdentity(args);
    }

    @Override
    public void beginInstanceChanged(String reason) throws Exception {
        maybeFail("beginInstanceChanged");
        inner.beginInstanceChanged(reason);
    }

    @Override
    public void instanceChanged(ChangeArgs args) throws Exception {
        maybeFail("instanceChanged");
        inner.instanceChanged(args);
    }

    @Override
    public void endInstanceChanged(String reason) throws Exception {
        maybeFail("endInstanceChanged");
        inner.endInstanceChanged(reason);
    }

    @Override
    public void purgeCaches() throws Exception {
        maybeFail("purgeCaches");
        inner.purgeCaches();
    }

    @Override
    public void destroy() throws Exception {
        maybeFail("destroy");
        inner.destroy();
    }
}
