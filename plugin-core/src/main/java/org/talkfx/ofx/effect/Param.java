package org.talkfx.ofx.effect;

import com.sun.jna.Pointer;
import org.talkfx.ofx.jna.HostApi;
import org.talkfx.ofx.props.HostPropertySet;
import org.talkfx.ofx.props.Props;

/**
 * A parameter of an instance. Value accessors check the parameter's type, so that a wrong accessor fails with
 * a clear message instead of handing a variadic host function the wrong pointers. In Render, use the
 * {@code ...At(time)} forms.
 */
public final class Param {
    private final HostApi host;
    private final String name;
    private final String type;
    private final Pointer handle;
    private final HostPropertySet props;

    Param(HostApi host, String name, Pointer handle, Pointer props) {
        this.host = host;
        this.name = name;
        this.handle = handle;
        this.props = new HostPropertySet(host.properties(), props);
        this.type = this.props.getString(Props.PARAM_TYPE);
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public HostPropertySet properties() {
        return props;
    }

    /** Number of doubles of a double-valued param (Double, 2D, 3D, RGB, RGBA). */
    private int doubleCount() {
        return switch (type) {
            case ParamDescriptor.DOUBLE -> 1;
            case ParamDescriptor.DOUBLE_2D -> 2;
            case ParamDescriptor.DOUBLE_3D, ParamDescriptor.RGB -> 3;
            case ParamDescriptor.RGBA -> 4;
            default -> throw wrongType("double");
        };
    }

    private int intCount() {
        return switch (type) {
            case ParamDescriptor.INTEGER, ParamDescriptor.BOOLEAN, ParamDescriptor.CHOICE -> 1;
            case ParamDescriptor.INTEGER_2D -> 2;
            case ParamDescriptor.INTEGER_3D -> 3;
            default -> throw wrongType("integer");
        };
    }

    private void requireString() {
        if (!ParamDescriptor.STRING.equals(type)) {
            throw wrongType("string");
        }
    }

    private IllegalStateException wrongType(String wanted) {
        return new IllegalStateException("parameter '" + name + "' is " + type + ", not a " + wanted + " parameter");
    }

    public double[] doublesAt(double time) {
        return host.helpers().getDoubles(host.parameters(), handle, true, time, doubleCount());
    }

    public double doubleAt(double time) {
        return doublesAt(time)[0];
    }

    public int[] intsAt(double time) {
        return host.helpers().getInts(host.parameters(), handle, true, time, intCount());
    }

    /** Integer, boolean (0/1) or choice (option index). */
    public int intAt(double time) {
        return intsAt(time)[0];
    }

    public boolean booleanAt(double time) {
        return intAt(time) != 0;
    }

    public String stringAt(double time) {
        requireString();
        return host.helpers().getString(host.parameters(), handle, true, time);
    }

    /** Current value, outside render. */
    public String string() {
        requireString();
        return host.helpers().getString(host.parameters(), handle, false, 0);
    }

    public double[] doubles() {
        return host.helpers().getDoubles(host.parameters(), handle, false, 0, doubleCount());
    }

    public int[] ints() {
        return host.helpers().getInts(host.parameters(), handle, false, 0, intCount());
    }

    public void set(double... values) {
        if (values.length != doubleCount()) {
            throw new IllegalArgumentException(name + " takes " + doubleCount() + " values");
        }
        host.helpers().setDoubles(host.parameters(), handle, false, 0, values);
    }

    public void set(int... values) {
        if (values.length != intCount()) {
            throw new IllegalArgumentException(name + " takes " + intCount() + " values");
        }
        host.helpers().setInts(host.parameters(), handle, false, 0, values);
    }

    public void set(String value) {
        requireString();
        host.helpers().setString(host.parameters(), handle, false, 0, value);
    }
}
