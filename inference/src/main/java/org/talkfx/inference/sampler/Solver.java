package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;

/**
 * One ODE solver for the flow-matching velocity field. A solver instance belongs to one sampling run (multistep
 * solvers remember earlier model outputs), so make a fresh one per window with {@link SolverKind#create}.
 */
public interface Solver {
    /**
     * Advances x from timestep i to i+1 given the guided velocity v at step i. The result is owned by x's manager.
     */
    NDArray step(NDArray x, NDArray velocity, int i);

    FlowMatchSchedule schedule();
}
