package org.talkfx.effect;

import java.util.HashMap;
import java.util.Map;

/** Parameter values as a host stores them: defaults from the effect's recorded description, then edits. */
final class MapParams implements ParamValues {
    final Map<String, Object> values = new HashMap<>();

    static MapParams defaults() {
        MapParams p = new MapParams();
        p.values.putAll(Descriptions.defaults());
        return p;
    }

    MapParams copy() {
        MapParams p = new MapParams();
        p.values.putAll(values);
        return p;
    }

    private Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return values.get(name);
    }

    @Override
    public String string(String name) {
        return (String) get(name);
    }

    @Override
    public int integer(String name) {
        return (Integer) get(name);
    }

    @Override
    public double number(String name) {
        return (Double) get(name);
    }

    @Override
    public void setString(String name, String value) {
        get(name);
        values.put(name, value);
    }

    @Override
    public void setInteger(String name, int value) {
        get(name);
        values.put(name, value);
    }

    @Override
    public void setNumber(String name, double value) {
        get(name);
        values.put(name, value);
    }
}
