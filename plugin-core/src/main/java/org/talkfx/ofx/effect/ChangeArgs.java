package org.talkfx.ofx.effect;

/** In-args of InstanceChanged: what changed (a parameter or a clip), why, and when. */
public record ChangeArgs(String type, String name, String reason, double time, double[] renderScale) {
    public static final String TYPE_PARAMETER = "OfxTypeParameter";
    public static final String TYPE_CLIP = "OfxTypeClip";
    public static final String REASON_USER_EDITED = "OfxChangeUserEdited";
    public static final String REASON_PLUGIN_EDITED = "OfxChangePluginEdited";
    public static final String REASON_TIME = "OfxChangeTime";

    public boolean isParameter(String paramName) {
        return TYPE_PARAMETER.equals(type) && paramName.equals(name);
    }
}
