package org.talkfx.installer.models;

import org.talkfx.inference.weights.Architecture;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code models verify} found out about one file (or one sharded checkpoint, through its index).
 *
 * @param component    what the header says it is (null when unreadable or unknown)
 * @param architecture the detected network, null when unreadable
 * @param dtype        the storage types by share of bytes, e.g. "BF16" or "F8_E4M3 97%, F32 3%"
 * @param bytes        bytes on disk (all shards for an index)
 * @param errors       what is wrong with it: broken or mislabelled (a non-empty list fails the check)
 * @param unsuitable   why this whole, correctly named file cannot be used (a T2V or 720P DiT, a LoRA for another
 *                     network); it fails the check only when no other file provides the component, so a shared
 *                     ComfyUI models folder with other models in it still passes
 * @param notes        what the user may want to know but need not fix
 */
public record FileReport(Path path, ModelComponent component, Architecture architecture, String dtype, long bytes,
                         List<String> errors, List<String> unsuitable, List<String> notes) {
    public FileReport {
        errors = List.copyOf(errors);
        unsuitable = List.copyOf(unsuitable);
        notes = List.copyOf(notes);
    }

    /** Readable, named as what it is, and usable by TalkFX. */
    public boolean ok() {
        return errors.isEmpty() && unsuitable.isEmpty();
    }
}
