package org.talkfx.hardening.fuzz;

import java.util.List;

/** The fuzzer's mutations for other test packages (e.g. job bodies posted to the render service). */
public final class BodyMutator {
    private final Mutator mutator;

    public BodyMutator(long seed) {
        this.mutator = new Mutator(seed);
    }

    public byte[] mutate(byte[] parent) {
        return mutator.mutate(parent, List.of(parent));
    }
}
