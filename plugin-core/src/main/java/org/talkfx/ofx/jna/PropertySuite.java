package org.talkfx.ofx.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import org.talkfx.ofx.OfxException;

/** OfxPropertySuiteV1 (ofxProperty.h). */
public final class PropertySuite extends NativeSuite {
    public static final String NAME = "OfxPropertySuite";

    public PropertySuite(Pointer table) {
        super(NAME, table, 18);
    }

    public int setPointer(Pointer set, String prop, int index, Pointer value) {
        return call(0, set, prop, index, value);
    }

    public int setString(Pointer set, String prop, int index, String value) {
        return call(1, set, prop, index, value);
    }

    public int setDouble(Pointer set, String prop, int index, double value) {
        return call(2, set, prop, index, value);
    }

    public int setInt(Pointer set, String prop, int index, int value) {
        return call(3, set, prop, index, value);
    }

    public int setDoubles(Pointer set, String prop, double... values) {
        return call(6, set, prop, values.length, values);
    }

    public int setInts(Pointer set, String prop, int... values) {
        return call(7, set, prop, values.length, values);
    }

    public Pointer getPointer(Pointer set, String prop, int index) {
        PointerByReference out = new PointerByReference();
        OfxException.check(call(8, set, prop, index, out), "propGetPointer " + prop);
        return out.getValue();
    }

    public String getString(Pointer set, String prop, int index) {
        PointerByReference out = new PointerByReference();
        OfxException.check(call(9, set, prop, index, out), "propGetString " + prop);
        Pointer text = out.getValue();
        return text == null ? "" : text.getString(0, StandardCharsets.UTF_8.name());
    }

    public double getDouble(Pointer set, String prop, int index) {
        DoubleByReference out = new DoubleByReference();
        OfxException.check(call(10, set, prop, index, out), "propGetDouble " + prop);
        return out.getValue();
    }

    public int getInt(Pointer set, String prop, int index) {
        IntByReference out = new IntByReference();
        OfxException.check(call(11, set, prop, index, out), "propGetInt " + prop);
        return out.getValue();
    }

    public double[] getDoubles(Pointer set, String prop, int count) {
        Memory out = new Memory((long) count * Double.BYTES);
        OfxException.check(call(14, set, prop, count, out), "propGetDoubleN " + prop);
        return out.getDoubleArray(0, count);
    }

    public int[] getInts(Pointer set, String prop, int count) {
        Memory out = new Memory((long) count * Integer.BYTES);
        OfxException.check(call(15, set, prop, count, out), "propGetIntN " + prop);
        return out.getIntArray(0, count);
    }

    public int reset(Pointer set, String prop) {
        return call(16, set, prop);
    }

    public int dimension(Pointer set, String prop) {
        IntByReference out = new IntByReference();
        OfxException.check(call(17, set, prop, out), "propGetDimension " + prop);
        return out.getValue();
    }
}
