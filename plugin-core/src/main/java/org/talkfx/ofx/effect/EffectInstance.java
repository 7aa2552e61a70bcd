package org.talkfx.ofx.effect;

import java.util.Map;
import java.util.Optional;
import org.talkfx.ofx.image.RectD;

/**
 * One instance of an effect, created by {@link OfxEffect#createInstance}. Methods left as defaults answer
 * kOfxStatReplyDefault (the host does its default). Render-thread methods may run on several threads at once
 * if the effect declared itself instance- or fully thread safe.
 */
public interface EffectInstance {
    void render(RenderArgs args) throws Exception;

    default void beginSequenceRender(SequenceArgs args) throws Exception {
    }

    default void endSequenceRender(SequenceArgs args) throws Exception {
    }

    /** Empty: the host's default region of definition. */
    default Optional<RectD> regionOfDefinition(double time, double[] renderScale) throws Exception {
        return Optional.empty();
    }

    /** Clip name to region needed; empty: the host's default (the requested region on every clip). */
    default Map<String, RectD> regionsOfInterest(double time, double[] renderScale, RectD region) throws Exception {
        return Map.of();
    }

    /** Return false to let the host choose. */
    default boolean clipPreferences(ClipPreferences preferences) throws Exception {
        return false;
    }

    /** Empty: render normally; else the name of the clip (and its time) to pass through unchanged. */
    default Optional<Identity> isIdentity(RenderArgs args) throws Exception {
        return Optional.empty();
    }

    default void beginInstanceChanged(String reason) throws Exception {
    }

    default void instanceChanged(ChangeArgs args) throws Exception {
    }

    default void endInstanceChanged(String reason) throws Exception {
    }

    default void purgeCaches() throws Exception {
    }

    /** kOfxActionDestroyInstance: free what the instance holds. */
    default void destroy() throws Exception {
    }

    /** The answer to IsIdentity. */
    record Identity(String clip, double time) {
    }
}
