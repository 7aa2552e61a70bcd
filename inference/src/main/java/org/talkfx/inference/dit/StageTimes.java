package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link StageClock} that sums wall time per stage name. Each lap waits for the device by reading one element of
 * the stage's result, so the device queue is empty at every mark (a profile, not a speed run: the waits add idle
 * gaps of a few microseconds each).
 */
final class StageTimes implements StageClock {
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long last = System.nanoTime();

    @Override
    public void start() {
        last = System.nanoTime();
    }

    @Override
    public void lap(String stage, NDArray produced) {
        try (NDManager wait = produced.getManager().newSubManager()) {
            wait.tempAttachAll(produced); // the views below land in wait and go with it
            produced.reshape(-1).get(0).toByteBuffer(); // a device-to-host copy: returns when the stage's kernels have run
        }
        long now = System.nanoTime();
        nanos.merge(stage, now - last, Long::sum);
        last = now;
    }

    /** Stage name to total milliseconds, in the order stages first ran. */
    Map<String, Double> millis() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e6));
        return out;
    }
}
