package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;

/**
 * DPM-Solver++(2M) for rectified flow: x_t = α·x0 + σ·ε with α = 1 − σ, data prediction x0 = x − σ·v,
 * λ = log(α/σ). Second order from the second step on, first order on the first and on the final step to σ = 0
 * (where the update is exactly the predicted x0).
 */
public final class DpmPlusPlus2mSolver implements Solver {
    private final FlowMatchSchedule schedule;
    private NDArray previousX0;
    private double previousH = Double.NaN;

    public DpmPlusPlus2mSolver(FlowMatchSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public NDArray step(NDArray x, NDArray velocity, int i) {
        double sigma = schedule.sigma(i);
        double sigmaNext = schedule.sigma(i + 1);
        NDArray x0 = x.sub(velocity.mul((float) sigma));
        NDArray result;
        if (sigmaNext <= 0) {
            result = x0;
        } else {
            double lambda = Math.log((1 - sigma) / sigma);
            double lambdaNext = Math.log((1 - sigmaNext) / sigmaNext);
            double h = lambdaNext - lambda;
            NDArray d = x0;
            if (previousX0 != null && !Double.isNaN(previousH)) {
                double r = previousH / h;
                d = x0.mul((float) (1 + 1 / (2 * r))).sub(previousX0.mul((float) (1 / (2 * r))));
            }
            double alphaNext = 1 - sigmaNext;
            result = x.mul((float) (sigmaNext / sigma)).sub(d.mul((float) (alphaNext * Math.expm1(-h))));
            previousH = h;
        }
        previousX0 = x0;
        return result;
    }

    @Override
    public FlowMatchSchedule schedule() {
        return schedule;
    }
}
