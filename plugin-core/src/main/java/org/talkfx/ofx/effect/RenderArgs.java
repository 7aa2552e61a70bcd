package org.talkfx.ofx.effect;

import org.talkfx.ofx.image.RectI;

/** In-args of Render and IsIdentity. */
public record RenderArgs(double time, RectI renderWindow, double[] renderScale, String field, boolean sequential,
        boolean interactive) {
}
