package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.testing.SharedFixtures;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule, guidance combinations, Euler step, APG and colour correction against the official sampler fixture. */
class SamplerParityTest {
    private static SafetensorsFile fixture;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        fixture = SafetensorsFile.open(SharedFixtures.parity("sampler"));
        manager = Engines.pytorch().newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
        fixture.close();
    }

    @ParameterizedTest
    @CsvSource({"40,7", "40,2", "4,7", "4,2", "40,11", "8,2"})
    void schedulesMatch(int steps, int shift) {
        String suffix = steps + "steps_shift" + shift;
        FlowMatchSchedule s = FlowMatchSchedule.official(steps, shift);
        assertClose(FlowMatchSchedule.rawOfficial(steps), fixture.floats("expected.timesteps_raw_" + suffix), 2e-3);
        assertClose(s.timesteps(), fixture.floats("expected.timesteps_" + suffix), 2e-3);
        float[] dt = new float[steps];
        for (int i = 0; i < steps; i++) {
            dt[i] = s.dt(i);
        }
        assertClose(dt, fixture.floats("expected.dt_" + suffix), 1e-4);
        assertThat(s.timesteps()[steps]).isZero();
    }

    @Test
    void threeCallGuidanceAndEulerStep() {
        try (NDManager m = manager.newSubManager()) {
            Guidance g = new Guidance(GuidanceSettings.of(5f, 4f));
            assertThat(g.settings().conditions()).containsExactly(Condition.FULL, Condition.NO_TEXT, Condition.NONE);
            NDArray v = g.combine(Map.of(Condition.FULL, in(m, "cond"), Condition.NO_TEXT, in(m, "drop_text"),
                    Condition.NONE, in(m, "uncond")));
            assertClose(v.toFloatArray(), fixture.floats("expected.cfg_3nfe"), 1e-4);
            NDArray next = new EulerSolver(FlowMatchSchedule.official(40, 7)).step(in(m, "latent"), v, 0);
            assertClose(next.toFloatArray(), fixture.floats("expected.euler_step0_40steps_shift7"), 1e-4);
        }
    }

    @Test
    void twoCallGuidanceWhenTextScaleIsOne() {
        try (NDManager m = manager.newSubManager()) {
            Guidance g = new Guidance(GuidanceSettings.of(1f, 4f));
            assertThat(g.settings().conditions()).containsExactly(Condition.FULL, Condition.NO_AUDIO);
            NDArray v = g.combine(Map.of(Condition.FULL, in(m, "cond"), Condition.NO_AUDIO, in(m, "drop_text")));
            assertClose(v.toFloatArray(), fixture.floats("expected.cfg_2nfe"), 1e-4);
            assertThat(GuidanceSettings.of(1f, 1f).conditions()).containsExactly(Condition.FULL);
        }
    }

    @Test
    void adaptiveProjectedGuidanceOverTwoSteps() {
        try (NDManager m = manager.newSubManager()) {
            Guidance g = new Guidance(GuidanceSettings.of(5f, 4f).withApg(true));
            for (int k = 0; k < 2; k++) {
                NDArray v = g.combine(Map.of(Condition.FULL, in(m, "cond").add(0.1f * k),
                        Condition.NO_TEXT, in(m, "drop_text").sub(0.05f * k), Condition.NONE, in(m, "uncond")));
                assertClose(v.toFloatArray(), fixture.floats("expected.apg_step" + k), 1e-4);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1.0,color_strength1", "0.5,color_strength0.5"})
    void colourCorrection(float strength, String expected) {
        float[] source = fixture.floats("input.color_source");
        float[] reference = fixture.floats("input.color_reference");
        try (NDManager m = Engines.pytorch().newBaseManager(); ColorMatch match = new ColorMatch(m, reference, 16, 16)) {
            float[] corrected = match.apply(m.create(source, new Shape(3, 5, 16, 16)), strength).toFloatArray();
            assertClose(corrected, fixture.floats("expected." + expected), 1e-4);
        }
    }

    private static NDArray in(NDManager m, String name) {
        return m.create(fixture.floats("input." + name), new Shape(fixture.info("input." + name).shape()));
    }

    static void assertClose(float[] actual, float[] expected, double atol) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertThat(worst).as("max abs difference (at index %d)", at).isLessThanOrEqualTo(atol);
    }
}
