package org.talkfx.ofx.effect;

import org.talkfx.ofx.image.Components;
import org.talkfx.ofx.image.PixelDepth;
import org.talkfx.ofx.props.PropertySet;
import org.talkfx.ofx.props.Props;

/** The out-args of GetClipPreferences. */
public final class ClipPreferences {
    private final PropertySet out;

    public ClipPreferences(PropertySet out) {
        this.out = out;
    }

    public ClipPreferences components(String clip, Components components) {
        out.setString(Props.CLIP_COMPONENTS_PREFIX + clip, 0, components.ofxName());
        return this;
    }

    public ClipPreferences depth(String clip, PixelDepth depth) {
        out.setString(Props.CLIP_DEPTH_PREFIX + clip, 0, depth.ofxName());
        return this;
    }

    /** OfxImageOpaque, OfxImagePreMultiplied or OfxImageUnPreMultiplied. */
    public ClipPreferences premultiplication(String value) {
        out.setString(Props.PREMULTIPLICATION, 0, value);
        return this;
    }

    public ClipPreferences frameVarying(boolean varying) {
        out.setBoolean(Props.FRAME_VARYING, varying);
        return this;
    }
}
