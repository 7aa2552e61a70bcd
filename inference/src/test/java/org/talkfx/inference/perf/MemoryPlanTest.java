package org.talkfx.inference.perf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryPlanTest {
    private static final long GIB = 1L << 30;

    @Test
    void weightsFollowTheRealParameterCount() {
        MemoryPlan fp16 = MemoryPlan.of("480p", 480, 832, 2);
        // Wan2.1-I2V-14B blocks + InfiniteTalk adapter: 40 blocks of 464.16M parameters (counted by hand from spec 1.2) plus embeddings and audio_proj
        assertThat(fp16.blockWeightBytes()).isEqualTo(2L * 464_162_304);
        assertThat(fp16.ditWeightBytes() / 2).isBetween(18_800_000_000L, 19_000_000_000L);
        assertThat(fp16.tokens()).isEqualTo(32_760);
        assertThat(MemoryPlan.of("720p", 720, 1280, 2).tokens()).isEqualTo(75_600);
    }

    @Test
    void smallerCardsStreamMoreBlocksAndEightBitWeightsHalve() {
        MemoryPlan fp16 = MemoryPlan.of("480p", 480, 832, 2);
        MemoryPlan int8 = MemoryPlan.of("480p", 480, 832, 1);
        assertThat(fp16.blocksToOffload(80 * GIB)).isZero();
        assertThat(fp16.blocksToOffload(24 * GIB)).isPositive().isLessThan(40);
        assertThat(int8.blocksToOffload(24 * GIB)).isLessThan(fp16.blocksToOffload(24 * GIB));
        assertThat(int8.ditWeightBytes() * 2).isEqualTo(fp16.ditWeightBytes());
        assertThat(MemoryPlan.of("720p", 720, 1280, 2).blocksToOffload(24 * GIB))
                .isGreaterThanOrEqualTo(fp16.blocksToOffload(24 * GIB));
    }
}
