package org.talkfx.ofx.jna;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.talkfx.ofx.OfxException;
import org.talkfx.ofx.OfxStatus;

/**
 * A C struct of function pointers (an OFX suite, or the shim's helper table), read once. The index of each
 * function is its position in the struct, which is the ABI; subclasses name them.
 */
abstract class NativeSuite {
    private final String name;
    private final Function[] functions;

    NativeSuite(String name, Pointer table, int count) {
        this.name = name;
        this.functions = new Function[count];
        for (int i = 0; i < count; i++) {
            Pointer fn = table.getPointer((long) i * Native.POINTER_SIZE);
            functions[i] = fn == null ? null : Function.getFunction(fn, Function.C_CONVENTION, StandardCharsets.UTF_8.name());
        }
    }

    final Function function(int index) {
        Function f = functions[index];
        if (f == null) {
            throw new OfxException(OfxStatus.ERR_MISSING_HOST_FEATURE, name + " function #" + index + " is missing");
        }
        return f;
    }

    final int call(int index, Object... args) {
        return function(index).invokeInt(args);
    }

    /** Calls and throws {@link OfxException} unless the host answered kOfxStatOK. */
    final void check(int index, String what, Object... args) {
        OfxException.check(call(index, args), name + "." + what);
    }
}
