package org.talkfx.ofx.effect;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The effects listed in META-INF/services/org.talkfx.ofx.effect.OfxEffect, by identifier. */
public final class OfxEffects {
    private OfxEffects() {
    }

    public static Map<String, OfxEffect> byIdentifier(ClassLoader loader) {
        Map<String, OfxEffect> effects = new TreeMap<>();
        for (OfxEffect effect : ServiceLoader.load(OfxEffect.class, loader)) {
            String id = effect.identifier();
            if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalStateException(effect.getClass().getName() + ": plugin identifier '" + id
                        + "' must be non-empty and without whitespace");
            }
            if (effects.put(id, effect) != null) {
                throw new IllegalStateException("two effects with identifier " + id);
            }
        }
        return effects;
    }
}
