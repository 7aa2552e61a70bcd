package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * DPM-Solver++(2M) for rectified flow: x_t = α·x0 + σ·ε with α = 1 − σ, data prediction x0 = x − σ·v,
 * λ = log(α/σ). Second order from the second step on, first order on the first and on the final step to σ = 0
 * (where the update is exactly the predicted x0).
 */
public final class DpmPlusPlus2mSolver implements Solver {
    private final FlowMatchSchedule schedule;
    private final NDManager parent;
    private NDManager state;
    private NDArray previousX0;
    private double previousH = Double.NaN;

    /** The previous step's x0 is kept in a sub-manager of {@code parent}, replaced every step. */
    public DpmPlusPlus2mSolver(FlowMatchSchedule schedule, NDManager parent) {
        this.schedule = schedule;
        this.parent = parent;
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
        NDManager next = parent.newSubManager();
        previousX0 = x0 == result ? x0.duplicate() : x0;
        previousX0.attach(next);
        if (state != null) {
            state.close();
        }
        state = next;
        return result;
    }

    @Override
    public FlowMatchSchedule schedule() {
        return schedule;
    }
}
