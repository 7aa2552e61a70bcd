package org.talkfx.ofx.sample;

import org.talkfx.ofx.effect.ContextDescriptor;
import org.talkfx.ofx.effect.EffectDescriptor;
import org.talkfx.ofx.effect.EffectInstance;
import org.talkfx.ofx.effect.OfxEffect;
import org.talkfx.ofx.effect.OfxInstance;
import org.talkfx.ofx.effect.ParamDescriptor;
import org.talkfx.ofx.image.Components;
import org.talkfx.ofx.image.PixelDepth;

/**
 * The bridge's sample effect: colour = clamp(colour * gain), optionally inverted; alpha kept. It exercises
 * every piece the real TalkFX effect needs (double, choice, file-path and push-button params, filter and
 * general contexts, all pixel depths, host threads, abort, messages, progress) and is replaced by it.
 */
public final class GainInvertEffect implements OfxEffect {
    public static final String IDENTIFIER = "org.talkfx.ofx.sample.GainInvert";
    static final String GAIN = "gain";
    static final String MODE = "mode";
    static final String REPORT_FILE = "reportFile";
    static final String WRITE_REPORT = "writeReport";
    static final String RESET = "reset";
    static final int MODE_INVERT = 1;

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public void describe(EffectDescriptor effect) {
        effect.label("TalkFX Gain/Invert (sample)")
                .grouping("TalkFX")
                .description("Sample effect of the TalkFX OFX bridge: gain and invert on colour channels.")
                .contexts(ContextDescriptor.FILTER, ContextDescriptor.GENERAL)
                .pixelDepths(PixelDepth.BYTE, PixelDepth.SHORT, PixelDepth.HALF, PixelDepth.FLOAT)
                // stateless per frame, so honest; MLT then builds an instance per frame, which stays cheap here
                .renderThreadSafety(EffectDescriptor.RENDER_FULLY_SAFE)
                .hostFrameThreading(false)
                .supportsTiles(false)
                .supportsMultiResolution(true)
                .temporalClipAccess(false);
    }

    @Override
    public void describeInContext(ContextDescriptor context) {
        context.defineClip(ContextDescriptor.SOURCE_CLIP).components(Components.RGBA, Components.RGB).supportsTiles(false);
        context.defineClip(ContextDescriptor.OUTPUT_CLIP).components(Components.RGBA, Components.RGB).supportsTiles(false);
        context.defineParam(ParamDescriptor.DOUBLE, GAIN).label("Gain").hint("Multiplies the colour channels")
                .defaultValue(1.0).range(0, 100).displayRange(0, 4).animates(true);
        context.defineParam(ParamDescriptor.CHOICE, MODE).label("Mode").choices("Normal", "Invert").defaultInt(0);
        context.defineParam(ParamDescriptor.STRING, REPORT_FILE).label("Report file")
                .hint("Where 'Write report' saves the current settings").stringMode(ParamDescriptor.STRING_FILE_PATH)
                .filePathMustExist(false).defaultString("").animates(false);
        context.defineParam(ParamDescriptor.PUSH_BUTTON, WRITE_REPORT).label("Write report");
        context.defineParam(ParamDescriptor.PUSH_BUTTON, RESET).label("Reset to defaults");
    }

    @Override
    public EffectInstance createInstance(OfxInstance instance) {
        return FaultInjectingInstance.wrap(new GainInvertInstance(instance), System.getenv(FaultInjectingInstance.ENV));
    }
}
