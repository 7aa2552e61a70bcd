package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDArray;

/** The official update: x ← x − v·(t_i − t_{i+1})/1000. */
public final class EulerSolver implements Solver {
    private final FlowMatchSchedule schedule;

    public EulerSolver(FlowMatchSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public NDArray step(NDArray x, NDArray velocity, int i) {
        return x.sub(velocity.mul(schedule.dt(i)));
    }

    @Override
    public FlowMatchSchedule schedule() {
        return schedule;
    }
}
