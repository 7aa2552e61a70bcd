package org.talkfx.inference.sampler;

import java.util.Locale;

/** The solvers on offer; EULER is the official InfiniteTalk sampler. */
public enum SolverKind {
    EULER, DPMPP_2M;

    public Solver create(FlowMatchSchedule schedule) {
        return switch (this) {
            case EULER -> new EulerSolver(schedule);
            case DPMPP_2M -> new DpmPlusPlus2mSolver(schedule);
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
