package org.talkfx.hardening.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.batch.BatchFileFuzzTarget;
import org.talkfx.common.BadInputException;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the same targets as {@link FuzzCampaign}, with Jazzer. Without JAZZER_FUZZ (the normal
 * build) each test replays its inputs directory, {@code JazzerTargetsTestInputs/<method>/} in the test resources,
 * which is also the seed corpus of FuzzCampaign. With JAZZER_FUZZ=1 it fuzzes for maxDuration (docs/hardening.md).
 */
class JazzerTargetsTest {
    private static final String LONG_RUN = "60s";

    @TempDir
    static Path scratch;

    @FuzzTest(maxDuration = LONG_RUN)
    void safetensors(byte[] input) throws Exception {
        fuzz(FuzzTargets.safetensors(), input);
    }

    @FuzzTest(maxDuration = LONG_RUN)
    void otio(byte[] input) throws Exception {
        fuzz(FuzzTargets.otio(), input);
    }

    @FuzzTest(maxDuration = LONG_RUN)
    void shotSetup(byte[] input) throws Exception {
        fuzz(FuzzTargets.shotSetup(), input);
    }

    @FuzzTest(maxDuration = LONG_RUN)
    void mediaProbe(byte[] input) throws Exception {
        fuzz(FuzzTargets.mediaProbe(), input);
    }

    @FuzzTest(maxDuration = LONG_RUN)
    void batchFile(byte[] input) throws Exception {
        fuzz(new BatchFileFuzzTarget(), input);
    }

    /**
     * FuzzCampaign's findings rule: a BadInputException is the documented refusal; anything else propagates, and so
     * does an input that allocates or takes too much. Those two are judged on a second run of the same input, because
     * under Jazzer's agent the first use of a class instruments it on this thread (tens of MB for the first inputs).
     */
    private static void fuzz(FuzzTarget target, byte[] input) throws Exception {
        if (!withinLimits(target, input)) {
            Cost second = measure(target, input);
            if (second.allocated() > allocationLimit(input)) {
                throw new AssertionError(target.name() + ": allocated " + second.allocated() + " bytes for a "
                        + input.length + "-byte input");
            }
            if (second.millis() > FuzzCampaign.SLOW_MILLIS) {
                throw new AssertionError(target.name() + ": took " + second.millis() + " ms for a " + input.length
                        + "-byte input");
            }
        }
    }

    private static boolean withinLimits(FuzzTarget target, byte[] input) throws Exception {
        Cost c = measure(target, input);
        return c.allocated() <= allocationLimit(input) && c.millis() <= FuzzCampaign.SLOW_MILLIS;
    }

    private static long allocationLimit(byte[] input) {
        return FuzzCampaign.ALLOCATION_LIMIT + 64L * input.length;
    }

    private record Cost(long allocated, long millis) {
    }

    private static Cost measure(FuzzTarget target, byte[] input) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long allocBefore = threads.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        try {
            target.run(input, scratch);
        } catch (BadInputException refused) {
            // the parser said what is wrong with the file: the outcome we want for hostile input
        }
        return new Cost(threads.getThreadAllocatedBytes(tid) - allocBefore, (System.nanoTime() - t0) / 1_000_000);
    }
}
