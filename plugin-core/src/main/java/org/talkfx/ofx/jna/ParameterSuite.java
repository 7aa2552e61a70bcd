package org.talkfx.ofx.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * OfxParameterSuiteV1 (ofxParam.h). The variadic functions (get/set value) are reached through
 * {@link VarargsHelpers}, never through JNA directly; this class keeps the suite's own address for them.
 */
public final class ParameterSuite extends NativeSuite {
    public static final String NAME = "OfxParameterSuite";
    private final Pointer table;

    public ParameterSuite(Pointer table) {
        super(NAME, table, 18);
        this.table = table;
    }

    Pointer table() {
        return table;
    }

    /** Returns {param handle, param property set}. */
    public Pointer[] getHandle(Pointer paramSet, String name) {
        PointerByReference param = new PointerByReference();
        PointerByReference props = new PointerByReference();
        check(1, "paramGetHandle " + name, paramSet, name, param, props);
        return new Pointer[] {param.getValue(), props.getValue()};
    }

    public Pointer paramSetProperties(Pointer paramSet) {
        PointerByReference out = new PointerByReference();
        check(2, "paramSetGetPropertySet", paramSet, out);
        return out.getValue();
    }

    public int editBegin(Pointer paramSet, String name) {
        return call(16, paramSet, name);
    }

    public int editEnd(Pointer paramSet) {
        return call(17, paramSet);
    }
}
