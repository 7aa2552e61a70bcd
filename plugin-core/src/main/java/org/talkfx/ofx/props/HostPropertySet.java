package org.talkfx.ofx.props;

import com.sun.jna.Pointer;
import org.talkfx.ofx.OfxException;
import org.talkfx.ofx.jna.PropertySuite;

/** A property set that lives in the host, reached through the property suite. */
public final class HostPropertySet implements PropertySet {
    private final PropertySuite suite;
    private final Pointer handle;

    public HostPropertySet(PropertySuite suite, Pointer handle) {
        this.suite = suite;
        this.handle = handle;
    }

    public Pointer handle() {
        return handle;
    }

    public Pointer getPointer(String name, int index) {
        return suite.getPointer(handle, name, index);
    }

    @Override
    public void setString(String name, int index, String value) {
        OfxException.check(suite.setString(handle, name, index, value), "propSetString " + name);
    }

    @Override
    public void setInt(String name, int index, int value) {
        OfxException.check(suite.setInt(handle, name, index, value), "propSetInt " + name);
    }

    @Override
    public void setDouble(String name, int index, double value) {
        OfxException.check(suite.setDouble(handle, name, index, value), "propSetDouble " + name);
    }

    @Override
    public void setDoubles(String name, double... values) {
        OfxException.check(suite.setDoubles(handle, name, values), "propSetDoubleN " + name);
    }

    @Override
    public void setInts(String name, int... values) {
        OfxException.check(suite.setInts(handle, name, values), "propSetIntN " + name);
    }

    @Override
    public String getString(String name, int index) {
        return suite.getString(handle, name, index);
    }

    @Override
    public int getInt(String name, int index) {
        return suite.getInt(handle, name, index);
    }

    @Override
    public double getDouble(String name, int index) {
        return suite.getDouble(handle, name, index);
    }

    @Override
    public int[] getInts(String name, int count) {
        return suite.getInts(handle, name, count);
    }

    @Override
    public double[] getDoubles(String name, int count) {
        return suite.getDoubles(handle, name, count);
    }

    @Override
    public int dimension(String name) {
        return suite.dimension(handle, name);
    }
}
