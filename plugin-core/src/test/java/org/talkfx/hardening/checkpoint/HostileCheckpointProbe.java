package org.talkfx.hardening.checkpoint;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.TensorInfo;

import java.nio.file.Path;

/**
 * Run in a forked JVM with a tiny heap: opens each checkpoint named on the command line and reads every tensor,
 * printing one line per file. A reader that allocated what a hostile header declares would die of OutOfMemoryError
 * here, which is printed as CRASH.
 */
public final class HostileCheckpointProbe {
    private HostileCheckpointProbe() {
    }

    public static void main(String[] args) {
        for (String a : args) {
            Path p = Path.of(a);
            String outcome;
            try (SafetensorsFile st = SafetensorsFile.open(p)) {
                long elements = 0;
                for (TensorInfo t : st.tensors().values()) {
                    elements += t.dtype().isFloatingPoint() ? st.floats(t.name()).length : st.longs(t.name()).length;
                }
                outcome = "accepted " + elements + " elements";
            } catch (BadInputException e) {
                outcome = "refused: " + e.getMessage();
            } catch (Throwable t) {
                outcome = "CRASH: " + t;
            }
            System.out.println(p.getFileName() + " => " + outcome.replace('\n', ' '));
        }
    }
}
