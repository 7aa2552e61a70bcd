package org.talkfx.ofx;

/** OFX action names (ofxCore.h, ofxImageEffect.h). */
public final class Actions {
    public static final String LOAD = "OfxActionLoad";
    public static final String UNLOAD = "OfxActionUnload";
    public static final String DESCRIBE = "OfxActionDescribe";
    public static final String PURGE_CACHES = "OfxActionPurgeCaches";
    public static final String SYNC_PRIVATE_DATA = "OfxActionSyncPrivateData";
    public static final String CREATE_INSTANCE = "OfxActionCreateInstance";
    public static final String DESTROY_INSTANCE = "OfxActionDestroyInstance";
    public static final String INSTANCE_CHANGED = "OfxActionInstanceChanged";
    public static final String BEGIN_INSTANCE_CHANGED = "OfxActionBeginInstanceChanged";
    public static final String END_INSTANCE_CHANGED = "OfxActionEndInstanceChanged";
    public static final String BEGIN_INSTANCE_EDIT = "OfxActionBeginInstanceEdit";
    public static final String END_INSTANCE_EDIT = "OfxActionEndInstanceEdit";
    public static final String DESCRIBE_IN_CONTEXT = "OfxImageEffectActionDescribeInContext";
    public static final String GET_REGION_OF_DEFINITION = "OfxImageEffectActionGetRegionOfDefinition";
    public static final String GET_REGIONS_OF_INTEREST = "OfxImageEffectActionGetRegionsOfInterest";
    public static final String GET_TIME_DOMAIN = "OfxImageEffectActionGetTimeDomain";
    public static final String GET_FRAMES_NEEDED = "OfxImageEffectActionGetFramesNeeded";
    public static final String GET_CLIP_PREFERENCES = "OfxImageEffectActionGetClipPreferences";
    public static final String IS_IDENTITY = "OfxImageEffectActionIsIdentity";
    public static final String RENDER = "OfxImageEffectActionRender";
    public static final String BEGIN_SEQUENCE_RENDER = "OfxImageEffectActionBeginSequenceRender";
    public static final String END_SEQUENCE_RENDER = "OfxImageEffectActionEndSequenceRender";

    private Actions() {
    }
}
