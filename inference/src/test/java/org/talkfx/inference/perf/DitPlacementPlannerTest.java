package org.talkfx.inference.perf;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.dit.DitPlacement;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DitPlacementPlannerTest {
    private static final long GIB = 1L << 30;

    @Test
    void largeCardsHoldTheFp16ModelSmallerOnesTake8BitWeightsAndStreamWhatStillDoesNotFit() {
        DitPlacement h100 = DitPlacementPlanner.plan(Device.gpu(), 80 * GIB, "", -1);
        assertThat(h100.compute()).isEqualTo(DataType.FLOAT16);
        assertThat(h100.int8Weights()).isFalse();
        assertThat(h100.offloadedBlocks()).isZero();

        DitPlacement mid = DitPlacementPlanner.plan(Device.gpu(), 40 * GIB, "", -1);
        assertThat(mid.int8Weights()).isTrue();
        assertThat(mid.offloadedBlocks()).isZero();

        DitPlacement small = DitPlacementPlanner.plan(Device.gpu(), 24 * GIB, "", -1);
        assertThat(small.int8Weights()).isTrue();
        int streamed = small.offloadedBlocks();
        assertThat(streamed).isBetween(1, 39);
        // what stays resident then fits the card by the memory plan's own arithmetic
        MemoryPlan p = MemoryPlan.of("720p", 720, 1280, 1);
        assertThat(p.blocksToOffload(24 * GIB)).isEqualTo(streamed);
        assertThat(p.peakResident() - (long) streamed * p.blockWeightBytes()).isLessThanOrEqualTo(24 * GIB);
    }

    @Test
    void overridesWinAndNonsenseIsRefused() {
        DitPlacement forced = DitPlacementPlanner.plan(Device.gpu(), 80 * GIB, "int8", 5);
        assertThat(forced.int8Weights()).isTrue();
        assertThat(forced.offloadedBlocks()).isEqualTo(5);
        assertThat(DitPlacementPlanner.plan(Device.gpu(), 24 * GIB, "fp16", -1).offloadedBlocks())
                .isEqualTo(MemoryPlan.of("720p", 720, 1280, 2).blocksToOffload(24 * GIB));
        assertThatThrownBy(() -> DitPlacementPlanner.plan(Device.gpu(), 80 * GIB, "fp4", -1))
                .hasMessageContaining("fp16 or int8");
    }

    @Test
    void theCpuComputesInFloat32WithEverythingResident() {
        List<String> notes = new ArrayList<>();
        DitPlacement cpu = DitPlacementPlanner.plan(Device.cpu(), notes::add);
        assertThat(cpu.compute()).isEqualTo(DataType.FLOAT32);
        assertThat(cpu.int8Weights()).isFalse();
        assertThat(cpu.offloadedBlocks()).isZero();
    }
}
