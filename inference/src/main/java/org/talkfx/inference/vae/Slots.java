package org.talkfx.inference.vae;

/** Hands out feature-cache slot numbers in construction order, one per causal layer that carries frames. */
final class Slots {
    private int next;

    int next() {
        return next++;
    }

    int count() {
        return next;
    }
}
