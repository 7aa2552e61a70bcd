package org.talkfx.ofx.jna;

import com.sun.jna.Pointer;

/** OfxMessageSuiteV1/V2 (ofxMessage.h); message and setPersistentMessage go through the shim's helpers. */
public final class MessageSuite extends NativeSuite {
    public static final String NAME = "OfxMessageSuite";
    public static final String FATAL = "OfxMessageFatal";
    public static final String ERROR = "OfxMessageError";
    public static final String WARNING = "OfxMessageWarning";
    public static final String MESSAGE = "OfxMessageMessage";
    public static final String LOG = "OfxMessageLog";
    public static final String QUESTION = "OfxMessageQuestion";

    private final Pointer table;
    private final int version;
    private final VarargsHelpers helpers;

    public MessageSuite(Pointer table, int version, VarargsHelpers helpers) {
        super(NAME, table, version >= 2 ? 3 : 1);
        this.table = table;
        this.version = version;
        this.helpers = helpers;
    }

    public int version() {
        return version;
    }

    /** Shows or logs text; the handle is an effect instance or descriptor, or null. */
    public int message(Pointer handle, String type, String id, String text) {
        return helpers.message(table, handle, type, id, text);
    }

    /** v2 only: a message that stays on the effect until cleared; falls back to a plain message on v1. */
    public int setPersistentMessage(Pointer handle, String type, String id, String text) {
        return version >= 2 ? helpers.persistentMessage(table, handle, type, id, text) : message(handle, type, id, text);
    }

    public int clearPersistentMessage(Pointer handle) {
        return version >= 2 ? call(2, handle) : 0;
    }
}
