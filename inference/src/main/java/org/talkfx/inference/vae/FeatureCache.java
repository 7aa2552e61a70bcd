package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The causal frame cache of one encode or decode call: per cached layer, the last input frames of the previous
 * chunk (official {@code feat_cache}, at most {@code CACHE_T} = 2 frames), or the "Rep" marker the temporal
 * upsampler leaves after its first chunk. Entries live in the call's manager; replacing one frees the old one, so the
 * cache never holds more than one chunk's worth of boundary frames.
 */
final class FeatureCache {
    static final int CACHE_T = 2;
    private static final Object REP = new Object();

    private final NDManager manager;
    private final Object[] slots;

    FeatureCache(NDManager manager, int slotCount) {
        this.manager = manager;
        this.slots = new Object[slotCount];
    }

    boolean isUnset(int slot) {
        return slots[slot] == null;
    }

    boolean isRep(int slot) {
        return slots[slot] == REP;
    }

    /** The cached frames, or null when the slot is unset or holds the Rep marker. */
    NDArray frames(int slot) {
        return slots[slot] instanceof NDArray a ? a : null;
    }

    void markRep(int slot) {
        release(slot);
        slots[slot] = REP;
    }

    /** Stores a copy-owned tensor for the next chunk; it moves to the call's manager. */
    void put(int slot, NDArray frames) {
        release(slot);
        frames.attach(manager);
        slots[slot] = frames;
    }

    private void release(int slot) {
        if (slots[slot] instanceof NDArray old) {
            old.close();
        }
    }
}
