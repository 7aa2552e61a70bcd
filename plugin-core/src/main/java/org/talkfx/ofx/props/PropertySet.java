package org.talkfx.ofx.props;

/**
 * An OFX property set: a host's (through the property suite) or a recording one (descriptions made at build
 * time). Getters throw {@link org.talkfx.ofx.OfxException} when the property is unknown to the host.
 */
public interface PropertySet {
    void setString(String name, int index, String value);

    void setInt(String name, int index, int value);

    void setDouble(String name, int index, double value);

    String getString(String name, int index);

    int getInt(String name, int index);

    double getDouble(String name, int index);

    int dimension(String name);

    default void setStrings(String name, String... values) {
        for (int i = 0; i < values.length; i++) {
            setString(name, i, values[i]);
        }
    }

    default void setInts(String name, int... values) {
        for (int i = 0; i < values.length; i++) {
            setInt(name, i, values[i]);
        }
    }

    default void setDoubles(String name, double... values) {
        for (int i = 0; i < values.length; i++) {
            setDouble(name, i, values[i]);
        }
    }

    default void setBoolean(String name, boolean value) {
        setInt(name, 0, value ? 1 : 0);
    }

    default String getString(String name) {
        return getString(name, 0);
    }

    default int getInt(String name) {
        return getInt(name, 0);
    }

    default double getDouble(String name) {
        return getDouble(name, 0);
    }

    default boolean getBoolean(String name) {
        return getInt(name, 0) != 0;
    }

    default int[] getInts(String name, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = getInt(name, i);
        }
        return values;
    }

    default double[] getDoubles(String name, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = getDouble(name, i);
        }
        return values;
    }

    default String[] getStrings(String name) {
        int n = dimension(name);
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = getString(name, i);
        }
        return values;
    }
}
