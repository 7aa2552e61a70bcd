package org.talkfx.ofx.jna;

import com.sun.jna.Pointer;

/** OfxProgressSuiteV1/V2 (ofxProgress.h). */
public final class ProgressSuite extends NativeSuite {
    public static final String NAME = "OfxProgressSuite";
    private final int version;

    public ProgressSuite(Pointer table, int version) {
        super(NAME, table, 3);
        this.version = version;
    }

    public int start(Pointer effect, String label, String messageId) {
        return version >= 2 ? call(0, effect, label, messageId) : call(0, effect, label);
    }

    /** Returns kOfxStatReplyNo when the user asked to stop. */
    public int update(Pointer effect, double fraction) {
        return call(1, effect, fraction);
    }

    public int end(Pointer effect) {
        return call(2, effect);
    }
}
