package org.talkfx.ofx.jna;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import org.talkfx.ofx.OfxException;

/**
 * The shim's helpers (talkfx_ofx.c, g_helpers), in the order of the C table: fixed-signature wrappers of the
 * variadic suite functions (a variadic call through a fixed-arity FFI mapping passes doubles wrongly on x86-64),
 * and multiThread, which attaches the host's worker threads itself so that they are detached when they exit.
 */
public final class VarargsHelpers extends NativeSuite {
    private static final int GET_INTS = 0;
    private static final int GET_DOUBLES = 1;
    private static final int GET_STRING = 2;
    private static final int SET_INTS = 3;
    private static final int SET_DOUBLES = 4;
    private static final int SET_STRING = 5;
    private static final int MESSAGE = 6;
    private static final int PERSISTENT_MESSAGE = 7;
    private static final int MULTI_THREAD = 8;

    public VarargsHelpers(Pointer table) {
        super("talkfx helpers", table, 9);
    }

    /** Time is used when {@code atTime}; n values (1..3). */
    public int[] getInts(ParameterSuite suite, Pointer param, boolean atTime, double time, int n) {
        Memory out = new Memory((long) n * Integer.BYTES);
        OfxException.check(call(GET_INTS, suite.table(), param, atTime ? 1 : 0, time, n, out), "paramGetValue");
        return out.getIntArray(0, n);
    }

    public double[] getDoubles(ParameterSuite suite, Pointer param, boolean atTime, double time, int n) {
        Memory out = new Memory((long) n * Double.BYTES);
        OfxException.check(call(GET_DOUBLES, suite.table(), param, atTime ? 1 : 0, time, n, out), "paramGetValue");
        return out.getDoubleArray(0, n);
    }

    public String getString(ParameterSuite suite, Pointer param, boolean atTime, double time) {
        PointerByReference out = new PointerByReference();
        OfxException.check(call(GET_STRING, suite.table(), param, atTime ? 1 : 0, time, out), "paramGetValue");
        Pointer text = out.getValue();
        return text == null ? "" : text.getString(0, StandardCharsets.UTF_8.name());
    }

    public void setInts(ParameterSuite suite, Pointer param, boolean atTime, double time, int... values) {
        OfxException.check(call(SET_INTS, suite.table(), param, atTime ? 1 : 0, time, values.length, values), "paramSetValue");
    }

    public void setDoubles(ParameterSuite suite, Pointer param, boolean atTime, double time, double... values) {
        OfxException.check(call(SET_DOUBLES, suite.table(), param, atTime ? 1 : 0, time, values.length, values), "paramSetValue");
    }

    public void setString(ParameterSuite suite, Pointer param, boolean atTime, double time, String value) {
        OfxException.check(call(SET_STRING, suite.table(), param, atTime ? 1 : 0, time, value), "paramSetValue");
    }

    int message(Pointer messageSuite, Pointer handle, String type, String id, String text) {
        return call(MESSAGE, messageSuite, handle, type, id, text);
    }

    int multiThread(Pointer multiThreadSuite, Callback function, int threads, Pointer arg) {
        return call(MULTI_THREAD, multiThreadSuite, function, threads, arg);
    }

    int persistentMessage(Pointer messageSuite, Pointer handle, String type, String id, String text) {
        return call(PERSISTENT_MESSAGE, messageSuite, handle, type, id, text);
    }
}
