package org.talkfx.effect;

/** Current values of the effect's parameters by script name (the host's, or a map in tests). */
public interface ParamValues {
    String string(String name);

    int integer(String name);

    double number(String name);

    default boolean flag(String name) {
        return integer(name) != 0;
    }

    void setString(String name, String value);

    void setInteger(String name, int value);

    void setNumber(String name, double value);

    default void setFlag(String name, boolean value) {
        setInteger(name, value ? 1 : 0);
    }
}
