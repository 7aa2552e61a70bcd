package org.talkfx.effect;

import org.talkfx.ofx.effect.ContextDescriptor;
import org.talkfx.ofx.effect.EffectDescriptor;
import org.talkfx.ofx.effect.ParamDescriptor;
import org.talkfx.ofx.props.PropertySet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The effect's description captured in memory: every property of the effect, its clips and params. */
final class Descriptions {
    static final class Props implements PropertySet {
        final Map<String, Map<Integer, Object>> values = new HashMap<>();

        private void put(String name, int index, Object v) {
            values.computeIfAbsent(name, k -> new HashMap<>()).put(index, v);
        }

        Object get(String name, int index) {
            Map<Integer, Object> m = values.get(name);
            return m == null ? null : m.get(index);
        }

        @Override
        public void setString(String name, int index, String value) {
            put(name, index, value);
        }

        @Override
        public void setInt(String name, int index, int value) {
            put(name, index, value);
        }

        @Override
        public void setDouble(String name, int index, double value) {
            put(name, index, value);
        }

        @Override
        public String getString(String name, int index) {
            return (String) get(name, index);
        }

        @Override
        public int getInt(String name, int index) {
            return (Integer) get(name, index);
        }

        @Override
        public double getDouble(String name, int index) {
            return (Double) get(name, index);
        }

        @Override
        public int dimension(String name) {
            Map<Integer, Object> m = values.get(name);
            return m == null ? 0 : m.size();
        }
    }

    final Props effect = new Props();
    final Map<String, Props> clips = new LinkedHashMap<>();
    final Map<String, Props> params = new LinkedHashMap<>();
    final Map<String, String> paramTypes = new LinkedHashMap<>();

    static Descriptions of(String context) {
        Descriptions d = new Descriptions();
        TalkFxEffect fx = new TalkFxEffect();
        fx.describe(new EffectDescriptor(d.effect));
        fx.describeInContext(new ContextDescriptor(context, new ContextDescriptor.Definer() {
            @Override
            public PropertySet defineClip(String name) {
                return d.clips.computeIfAbsent(name, n -> new Props());
            }

            @Override
            public PropertySet defineParam(String type, String name) {
                if (d.params.containsKey(name)) {
                    throw new IllegalStateException("parameter " + name + " defined twice");
                }
                d.paramTypes.put(name, type);
                return d.params.computeIfAbsent(name, n -> new Props());
            }
        }));
        return d;
    }

    /** Each valued parameter's default, as a host initialises a new instance. */
    static Map<String, Object> defaults() {
        Descriptions d = of(ContextDescriptor.GENERAL);
        Map<String, Object> out = new HashMap<>();
        d.paramTypes.forEach((name, type) -> {
            Object def = d.params.get(name).get("OfxParamPropDefault", 0);
            switch (type) {
                case ParamDescriptor.STRING -> out.put(name, def == null ? "" : def);
                case ParamDescriptor.DOUBLE -> out.put(name, ((Number) def).doubleValue());
                case ParamDescriptor.INTEGER, ParamDescriptor.BOOLEAN, ParamDescriptor.CHOICE -> out.put(name, def);
                default -> {
                }
            }
        });
        return out;
    }
}
