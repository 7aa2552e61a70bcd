package org.talkfx.inference.pipeline;

/** The user stopped a run; nothing it produced may be kept. */
public class GenerationCancelledException extends RuntimeException {
    public GenerationCancelledException(String where) {
        super("generation cancelled " + where);
    }
}
