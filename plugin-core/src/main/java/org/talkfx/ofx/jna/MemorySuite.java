package org.talkfx.ofx.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** OfxMemorySuiteV1 (ofxMemory.h): host memory, for buffers the host should account for. */
public final class MemorySuite extends NativeSuite {
    public static final String NAME = "OfxMemorySuite";

    public MemorySuite(Pointer table) {
        super(NAME, table, 2);
    }

    public Pointer alloc(Pointer handle, long bytes) {
        PointerByReference out = new PointerByReference();
        check(0, "memoryAlloc", handle, bytes, out);
        return out.getValue();
    }

    public void free(Pointer memory) {
        check(1, "memoryFree", memory);
    }
}
