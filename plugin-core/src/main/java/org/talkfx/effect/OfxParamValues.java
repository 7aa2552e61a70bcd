package org.talkfx.effect;

import org.talkfx.ofx.effect.OfxInstance;

/** {@link ParamValues} over the host's parameter suite (current values; TalkFX params do not animate). */
final class OfxParamValues implements ParamValues {
    private final OfxInstance instance;

    OfxParamValues(OfxInstance instance) {
        this.instance = instance;
    }

    @Override
    public String string(String name) {
        return instance.param(name).string();
    }

    @Override
    public int integer(String name) {
        return instance.param(name).ints()[0];
    }

    @Override
    public double number(String name) {
        return instance.param(name).doubles()[0];
    }

    @Override
    public void setString(String name, String value) {
        instance.param(name).set(value);
    }

    @Override
    public void setInteger(String name, int value) {
        instance.param(name).set(new int[]{value});
    }

    @Override
    public void setNumber(String name, double value) {
        instance.param(name).set(new double[]{value});
    }
}
