package org.talkfx.ofx.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import java.util.OptionalDouble;

/** OfxTimeLineSuiteV1 (ofxTimeLine.h); MLT has it but answers kOfxStatErrUnsupported. */
public final class TimeLineSuite extends NativeSuite {
    public static final String NAME = "OfxTimeLineSuite";

    public TimeLineSuite(Pointer table) {
        super(NAME, table, 3);
    }

    public OptionalDouble time(Pointer instance) {
        DoubleByReference out = new DoubleByReference();
        return call(0, instance, out) == 0 ? OptionalDouble.of(out.getValue()) : OptionalDouble.empty();
    }

    public int gotoTime(Pointer instance, double time) {
        return call(1, instance, time);
    }

    /** {first, last}, or null when the host cannot tell. */
    public double[] bounds(Pointer instance) {
        Memory out = new Memory(2L * Double.BYTES);
        return call(2, instance, out, out.share(Double.BYTES)) == 0 ? out.getDoubleArray(0, 2) : null;
    }
}
