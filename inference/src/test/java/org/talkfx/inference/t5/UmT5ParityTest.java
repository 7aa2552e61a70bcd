package org.talkfx.inference.t5;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talkfx.testing.Close.assertClose;

/** The t5 fixture computed by Wan's T5EncoderModel (fixtures/parity/README.md). */
class UmT5ParityTest {
    private static SafetensorsFile fixture;
    private static NDManager manager;
    private static UmT5Encoder encoder;

    @BeforeAll
    static void load() {
        fixture = SafetensorsFile.open(SharedFixtures.parity("t5"));
        manager = Engines.pytorch().newBaseManager();
        encoder = UmT5Encoder.load(manager, Weights.of(fixture).prefixed("weight."));
    }

    @AfterAll
    static void close() {
        encoder.close();
        manager.close();
        fixture.close();
    }

    @Test
    void detectsTheFixtureConfig() {
        assertThat(encoder.config()).isEqualTo(UmT5Config.tiny());
    }

    @Test
    void relativeBucketsAreExact() {
        long[][] b = RelativePositions.buckets(24, 24, 32, UmT5Config.MAX_DISTANCE);
        long[] flat = Arrays.stream(b).flatMapToLong(Arrays::stream).toArray();
        assertThat(flat).containsExactly(fixture.longs("expected.rel_buckets"));
    }

    @Test
    void trimmedContextAndPaddedSequenceMatch() {
        long[] ids = fixture.longs("input.ids");
        long[] mask = fixture.longs("input.mask");
        try (NDManager m = manager.newSubManager()) {
            assertClose("context", encoder.encode(m, ids), fixture.info("expected.context").shape(),
                    fixture.floats("expected.context"), 1e-4f);
            assertClose("full", encoder.encodePadded(m, ids, mask), fixture.info("expected.full").shape(),
                    fixture.floats("expected.full"), 1e-4f);
        }
    }
}
