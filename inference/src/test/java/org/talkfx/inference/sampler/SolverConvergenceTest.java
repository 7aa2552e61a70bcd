package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A toy flow whose exact ODE solution is known: data x0 ~ N(μ, s²) per element. The optimal velocity is
 * v(x, σ) = (x − E[x0|x])/σ, and the flow maps the noise z (σ = 1) to μ + s·z. Both solvers must converge to it,
 * and DPM++(2M) must beat Euler at the same step count.
 */
class SolverConvergenceTest {
    private static final float MU = 0.7f;
    private static final float S = 0.3f;

    @Test
    void solversConvergeToTheExactFlowSolution() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            float[] z = {-1.5f, -0.2f, 0.4f, 1.9f};
            double euler10 = error(m, SolverKind.EULER, 10, z);
            double euler40 = error(m, SolverKind.EULER, 40, z);
            double dpm10 = error(m, SolverKind.DPMPP_2M, 10, z);
            double dpm40 = error(m, SolverKind.DPMPP_2M, 40, z);
            assertThat(euler40).isLessThan(euler10 / 2);
            assertThat(dpm40).isLessThan(dpm10 / 8).isLessThan(euler40 / 5);
            assertThat(dpm10).isLessThan(euler10);
        }
    }

    private static double error(NDManager m, SolverKind kind, int steps, float[] z) {
        FlowMatchSchedule schedule = FlowMatchSchedule.uniform(steps, 3f);
        Solver solver = kind.create(schedule, m);
        NDArray x = m.create(z);
        for (int i = 0; i < steps; i++) {
            x = solver.step(x, velocity(x, schedule.sigma(i)), i);
        }
        float[] out = x.toFloatArray();
        double worst = 0;
        for (int i = 0; i < z.length; i++) {
            worst = Math.max(worst, Math.abs(out[i] - (MU + S * z[i])));
        }
        return worst;
    }

    private static NDArray velocity(NDArray x, float sigma) {
        float a = 1 - sigma;
        float gain = a * S * S / (a * a * S * S + sigma * sigma);
        NDArray x0 = x.sub(a * MU).mul(gain).add(MU);
        return x.sub(x0).div(sigma);
    }
}
