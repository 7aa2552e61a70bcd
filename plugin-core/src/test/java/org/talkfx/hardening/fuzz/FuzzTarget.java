package org.talkfx.hardening.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * One parser under fuzzing. {@link #run} feeds one input the way a user file would arrive; it may throw the
 * parser's documented refusal (BadInputException and subclasses); anything else it throws is a finding.
 * The signature matches Jazzer's {@code fuzzerTestOneInput(byte[])}, so a target can be wrapped for it unchanged.
 */
public interface FuzzTarget {
    String name();

    void run(byte[] input, Path scratch) throws Exception;

    default byte[] mutate(Mutator mutator, byte[] parent, List<byte[]> corpus) {
        return mutator.mutate(parent, corpus);
    }
}
