package org.talkfx.ofx.effect;

import org.talkfx.ofx.props.PropertySet;

/** DescribeInContext: defines the clips and parameters of one context. */
public final class ContextDescriptor {
    public static final String FILTER = "OfxImageEffectContextFilter";
    public static final String GENERAL = "OfxImageEffectContextGeneral";
    public static final String GENERATOR = "OfxImageEffectContextGenerator";
    public static final String TRANSITION = "OfxImageEffectContextTransition";
    public static final String SOURCE_CLIP = "Source";
    public static final String OUTPUT_CLIP = "Output";

    /** Where definitions go: the host's clipDefine/paramDefine, or a recording. */
    public interface Definer {
        PropertySet defineClip(String name);

        PropertySet defineParam(String type, String name);
    }

    private final String context;
    private final Definer definer;

    public ContextDescriptor(String context, Definer definer) {
        this.context = context;
        this.definer = definer;
    }

    public String context() {
        return context;
    }

    public ClipDescriptor defineClip(String name) {
        return new ClipDescriptor(definer.defineClip(name));
    }

    /** Type names are in {@link ParamDescriptor} (DOUBLE, CHOICE, STRING, ...). */
    public ParamDescriptor defineParam(String type, String name) {
        return new ParamDescriptor(definer.defineParam(type, name));
    }
}
