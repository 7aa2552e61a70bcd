package org.talkfx.ofx.effect;

import java.util.Arrays;
import org.talkfx.ofx.image.PixelDepth;
import org.talkfx.ofx.props.PropertySet;
import org.talkfx.ofx.props.Props;

/** The effect descriptor's properties during Describe. */
public final class EffectDescriptor {
    public static final String RENDER_UNSAFE = "OfxImageEffectRenderUnsafe";
    public static final String RENDER_INSTANCE_SAFE = "OfxImageEffectRenderInstanceSafe";
    public static final String RENDER_FULLY_SAFE = "OfxImageEffectRenderFullySafe";

    private final PropertySet props;

    public EffectDescriptor(PropertySet props) {
        this.props = props;
    }

    public PropertySet properties() {
        return props;
    }

    public EffectDescriptor label(String label) {
        props.setString(Props.LABEL, 0, label);
        return this;
    }

    public EffectDescriptor grouping(String grouping) {
        props.setString(Props.GROUPING, 0, grouping);
        return this;
    }

    public EffectDescriptor description(String text) {
        props.setString(Props.PLUGIN_DESCRIPTION, 0, text);
        return this;
    }

    /** Context names from {@link ContextDescriptor} (FILTER, GENERAL, ...). */
    public EffectDescriptor contexts(String... contexts) {
        props.setStrings(Props.SUPPORTED_CONTEXTS, contexts);
        return this;
    }

    public EffectDescriptor pixelDepths(PixelDepth... depths) {
        props.setStrings(Props.SUPPORTED_PIXEL_DEPTHS, Arrays.stream(depths).map(PixelDepth::ofxName).toArray(String[]::new));
        return this;
    }

    /** One of RENDER_UNSAFE, RENDER_INSTANCE_SAFE, RENDER_FULLY_SAFE. */
    public EffectDescriptor renderThreadSafety(String safety) {
        props.setString(Props.RENDER_THREAD_SAFETY, 0, safety);
        return this;
    }

    public EffectDescriptor hostFrameThreading(boolean hostThreads) {
        props.setBoolean(Props.HOST_FRAME_THREADING, hostThreads);
        return this;
    }

    public EffectDescriptor supportsTiles(boolean tiles) {
        props.setBoolean(Props.SUPPORTS_TILES, tiles);
        return this;
    }

    public EffectDescriptor supportsMultiResolution(boolean multiResolution) {
        props.setBoolean(Props.SUPPORTS_MULTI_RESOLUTION, multiResolution);
        return this;
    }

    public EffectDescriptor temporalClipAccess(boolean temporal) {
        props.setBoolean(Props.TEMPORAL_CLIP_ACCESS, temporal);
        return this;
    }
}
