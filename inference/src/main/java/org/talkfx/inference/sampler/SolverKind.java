package org.talkfx.inference.sampler;

import ai.djl.ndarray.NDManager;

import java.util.Locale;

/** The solvers on offer; EULER is the official InfiniteTalk sampler. */
public enum SolverKind {
    EULER, DPMPP_2M;

    /** A solver for one run; multistep state lives in sub-managers of {@code manager}. */
    public Solver create(FlowMatchSchedule schedule, NDManager manager) {
        return switch (this) {
            case EULER -> new EulerSolver(schedule);
            case DPMPP_2M -> new DpmPlusPlus2mSolver(schedule, manager);
        };
    }

    public static SolverKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (n) {
            case "euler", "multitalk" -> EULER;
            case "dpm++", "dpm++2m", "dpmpp", "dpmpp2m" -> DPMPP_2M;
            default -> throw new IllegalArgumentException("unknown solver '" + name + "' (euler, dpm++)");
        };
    }
}
