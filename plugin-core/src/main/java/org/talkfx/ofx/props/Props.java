package org.talkfx.ofx.props;

/** OFX property names and values used by TalkFX (ofxCore.h, ofxImageEffect.h, ofxParam.h). */
public final class Props {
    // generic
    public static final String TYPE = "OfxPropType";
    public static final String NAME = "OfxPropName";
    public static final String LABEL = "OfxPropLabel";
    public static final String SHORT_LABEL = "OfxPropShortLabel";
    public static final String LONG_LABEL = "OfxPropLongLabel";
    public static final String TIME = "OfxPropTime";
    public static final String CHANGE_REASON = "OfxPropChangeReason";
    public static final String PLUGIN_DESCRIPTION = "OfxPropPluginDescription";
    public static final String IS_INTERACTIVE = "OfxPropIsInteractive";

    // image effect descriptor
    public static final String GROUPING = "OfxImageEffectPluginPropGrouping";
    public static final String SUPPORTED_CONTEXTS = "OfxImageEffectPropSupportedContexts";
    public static final String SUPPORTED_PIXEL_DEPTHS = "OfxImageEffectPropSupportedPixelDepths";
    public static final String SUPPORTED_COMPONENTS = "OfxImageEffectPropSupportedComponents";
    public static final String RENDER_THREAD_SAFETY = "OfxImageEffectPluginRenderThreadSafety";
    public static final String HOST_FRAME_THREADING = "OfxImageEffectPluginPropHostFrameThreading";
    public static final String SUPPORTS_TILES = "OfxImageEffectPropSupportsTiles";
    public static final String SUPPORTS_MULTI_RESOLUTION = "OfxImageEffectPropSupportsMultiResolution";
    public static final String TEMPORAL_CLIP_ACCESS = "OfxImageEffectPropTemporalClipAccess";
    public static final String SINGLE_INSTANCE = "OfxImageEffectPluginPropSingleInstance";
    public static final String CONTEXT = "OfxImageEffectPropContext";

    // actions' arguments
    public static final String RENDER_WINDOW = "OfxImageEffectPropRenderWindow";
    public static final String RENDER_SCALE = "OfxImageEffectPropRenderScale";
    public static final String FIELD_TO_RENDER = "OfxImageEffectPropFieldToRender";
    public static final String FRAME_RANGE = "OfxImageEffectPropFrameRange";
    public static final String FRAME_STEP = "OfxImageEffectPropFrameStep";
    public static final String REGION_OF_DEFINITION = "OfxImageEffectPropRegionOfDefinition";
    public static final String REGION_OF_INTEREST = "OfxImageEffectPropRegionOfInterest";
    public static final String CLIP_ROI_PREFIX = "OfxImageClipPropRoI_";
    public static final String CLIP_COMPONENTS_PREFIX = "OfxImageClipPropComponents_";
    public static final String CLIP_DEPTH_PREFIX = "OfxImageClipPropDepth_";
    public static final String PREMULTIPLICATION = "OfxImageEffectPropPreMultiplication";
    public static final String FRAME_VARYING = "OfxImageEffectFrameVarying";

    // clips and images
    public static final String OPTIONAL = "OfxImageClipPropOptional";
    public static final String CONNECTED = "OfxImageClipPropConnected";
    public static final String PIXEL_DEPTH = "OfxImageEffectPropPixelDepth";
    public static final String COMPONENTS = "OfxImageEffectPropComponents";
    public static final String IMAGE_DATA = "OfxImagePropData";
    public static final String IMAGE_BOUNDS = "OfxImagePropBounds";
    public static final String IMAGE_ROW_BYTES = "OfxImagePropRowBytes";
    public static final String IMAGE_PAR = "OfxImagePropPixelAspectRatio";

    // parameters
    public static final String PARAM_DEFAULT = "OfxParamPropDefault";
    public static final String PARAM_MIN = "OfxParamPropMin";
    public static final String PARAM_MAX = "OfxParamPropMax";
    public static final String PARAM_DISPLAY_MIN = "OfxParamPropDisplayMin";
    public static final String PARAM_DISPLAY_MAX = "OfxParamPropDisplayMax";
    public static final String PARAM_HINT = "OfxParamPropHint";
    public static final String PARAM_SCRIPT_NAME = "OfxParamPropScriptName";
    public static final String PARAM_ANIMATES = "OfxParamPropAnimates";
    public static final String PARAM_CHOICE_OPTION = "OfxParamPropChoiceOption";
    public static final String PARAM_STRING_MODE = "OfxParamPropStringMode";
    public static final String PARAM_FILE_PATH_EXISTS = "OfxParamPropStringFilePathExists";
    public static final String PARAM_DOUBLE_TYPE = "OfxParamPropDoubleType";
    public static final String PARAM_TYPE = "OfxParamPropType";

    private Props() {
    }

}
