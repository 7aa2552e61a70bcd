package org.talkfx.cli.doctor;

import java.util.List;

/**
 * One section of {@code talkfx doctor}, found with ServiceLoader ({@code META-INF/services/org.talkfx.cli.doctor.DoctorCheck})
 * so that modules plugin-core cannot see (the installer) add their checks.
 */
public interface DoctorCheck {
    /** Position among the sections; the built-in Java/engines/FFmpeg/disk sections come first. */
    default int order() {
        return 100;
    }

    String title();

    List<Finding> run();
}
