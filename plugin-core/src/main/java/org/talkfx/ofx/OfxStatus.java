package org.talkfx.ofx;

/** OpenFX status codes (ofxCore.h, ofxImageEffect.h). */
public final class OfxStatus {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERR_FATAL = 2;
    public static final int ERR_UNKNOWN = 3;
    public static final int ERR_MISSING_HOST_FEATURE = 4;
    public static final int ERR_UNSUPPORTED = 5;
    public static final int ERR_EXISTS = 6;
    public static final int ERR_FORMAT = 7;
    public static final int ERR_MEMORY = 8;
    public static final int ERR_BAD_HANDLE = 9;
    public static final int ERR_BAD_INDEX = 10;
    public static final int ERR_VALUE = 11;
    public static final int REPLY_YES = 12;
    public static final int REPLY_NO = 13;
    public static final int REPLY_DEFAULT = 14;
    public static final int ERR_IMAGE_FORMAT = 1000;

    private OfxStatus() {
    }

    public static String name(int status) {
        return switch (status) {
            case OK -> "kOfxStatOK";
            case FAILED -> "kOfxStatFailed";
            case ERR_FATAL -> "kOfxStatErrFatal";
            case ERR_UNKNOWN -> "kOfxStatErrUnknown";
            case ERR_MISSING_HOST_FEATURE -> "kOfxStatErrMissingHostFeature";
            case ERR_UNSUPPORTED -> "kOfxStatErrUnsupported";
            case ERR_EXISTS -> "kOfxStatErrExists";
            case ERR_FORMAT -> "kOfxStatErrFormat";
            case ERR_MEMORY -> "kOfxStatErrMemory";
            case ERR_BAD_HANDLE -> "kOfxStatErrBadHandle";
            case ERR_BAD_INDEX -> "kOfxStatErrBadIndex";
            case ERR_VALUE -> "kOfxStatErrValue";
            case REPLY_YES -> "kOfxStatReplyYes";
            case REPLY_NO -> "kOfxStatReplyNo";
            case REPLY_DEFAULT -> "kOfxStatReplyDefault";
            case ERR_IMAGE_FORMAT -> "kOfxStatErrImageFormat";
            default -> "status " + status;
        };
    }
}
