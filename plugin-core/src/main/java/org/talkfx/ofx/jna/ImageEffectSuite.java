package org.talkfx.ofx.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** OfxImageEffectSuiteV1 (ofxImageEffect.h). */
public final class ImageEffectSuite extends NativeSuite {
    public static final String NAME = "OfxImageEffectSuite";

    public ImageEffectSuite(Pointer table) {
        super(NAME, table, 13);
    }

    public Pointer getPropertySet(Pointer effect) {
        PointerByReference out = new PointerByReference();
        check(0, "getPropertySet", effect, out);
        return out.getValue();
    }

    public Pointer getParamSet(Pointer effect) {
        PointerByReference out = new PointerByReference();
        check(1, "getParamSet", effect, out);
        return out.getValue();
    }

    /** Returns {clip handle, clip property set}. */
    public Pointer[] clipGetHandle(Pointer effect, String name) {
        PointerByReference clip = new PointerByReference();
        PointerByReference props = new PointerByReference();
        check(3, "clipGetHandle " + name, effect, name, clip, props);
        return new Pointer[] {clip.getValue(), props.getValue()};
    }

    /** The image property set, or null when the host has no image there (an unconnected optional clip). */
    public Pointer clipGetImage(Pointer clip, double time, double[] regionOrNull) {
        PointerByReference out = new PointerByReference();
        Memory region = null;
        if (regionOrNull != null) {
            region = new Memory(4L * Double.BYTES);
            region.write(0, regionOrNull, 0, 4);
        }
        int status = call(5, clip, time, region, out);
        return status == 0 ? out.getValue() : null;
    }

    public int clipReleaseImage(Pointer image) {
        return call(6, image);
    }

    public double[] clipGetRegionOfDefinition(Pointer clip, double time) {
        Memory out = new Memory(4L * Double.BYTES);
        check(7, "clipGetRegionOfDefinition", clip, time, out);
        return out.getDoubleArray(0, 4);
    }

    public boolean abort(Pointer effect) {
        return call(8, effect) != 0;
    }
}
