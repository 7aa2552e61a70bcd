package org.talkfx.ofx.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.talkfx.ofx.OfxException;
import org.talkfx.ofx.OfxStatus;
import org.talkfx.ofx.props.PropertySet;

/** A property set that remembers what was set, in order, to be written as "prop" lines. */
final class RecordingPropertySet implements PropertySet {
    private record Values(char type, List<String> values) {
    }

    private final Map<String, Values> props = new LinkedHashMap<>();

    private void set(String name, char type, int index, String value) {
        if (value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0 || name.indexOf('\t') >= 0) {
            throw new IllegalArgumentException("property " + name + ": tabs and newlines cannot be recorded");
        }
        Values v = props.computeIfAbsent(name, n -> new Values(type, new ArrayList<>()));
        if (v.type() != type) {
            throw new IllegalArgumentException("property " + name + " set as both " + v.type() + " and " + type);
        }
        while (v.values().size() <= index) {
            v.values().add(type == 's' ? "" : "0");
        }
        v.values().set(index, value);
    }

    private String get(String name, int index) {
        Values v = props.get(name);
        if (v == null || index >= v.values().size()) {
            throw new OfxException(OfxStatus.ERR_UNKNOWN, "property " + name + "[" + index + "] was not set");
        }
        return v.values().get(index);
    }

    @Override
    public void setString(String name, int index, String value) {
        set(name, 's', index, value);
    }

    @Override
    public void setInt(String name, int index, int value) {
        set(name, 'i', index, Integer.toString(value));
    }

    @Override
    public void setDouble(String name, int index, double value) {
        set(name, 'd', index, Double.toString(value));
    }

    @Override
    public String getString(String name, int index) {
        return get(name, index);
    }

    @Override
    public int getInt(String name, int index) {
        return Integer.parseInt(get(name, index));
    }

    @Override
    public double getDouble(String name, int index) {
        return Double.parseDouble(get(name, index));
    }

    @Override
    public int dimension(String name) {
        Values v = props.get(name);
        return v == null ? 0 : v.values().size();
    }

    void appendTo(StringBuilder out) {
        props.forEach((name, v) -> out.append("prop\t").append(v.type()).append('\t').append(name).append('\t')
                .append(String.join("\t", v.values())).append('\n'));
    }
}
