package org.talkfx.ofx.effect;

/**
 * One OpenFX effect, found with ServiceLoader and chosen by {@link #identifier()}. Descriptions are recorded
 * when the bundle is built (org.talkfx.ofx.describe) and replayed by the C shim, so {@link #describe} and
 * {@link #describeInContext} must depend on nothing but the effect itself (not on the host).
 */
public interface OfxEffect {
    /** Reverse-DNS plugin identifier, without whitespace. */
    String identifier();

    default int versionMajor() {
        return 1;
    }

    default int versionMinor() {
        return 0;
    }

    /** kOfxActionDescribe: labels, contexts, depths, thread safety. */
    void describe(EffectDescriptor effect);

    /** kOfxImageEffectActionDescribeInContext, once per context listed in describe: clips and params. */
    void describeInContext(ContextDescriptor context);

    /** kOfxActionCreateInstance. */
    EffectInstance createInstance(OfxInstance instance);
}
