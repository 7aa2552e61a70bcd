package org.talkfx.batch;

import org.talkfx.hardening.fuzz.FuzzTarget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The batch file reader and planner (what `talkfx batch` does before rendering), for the fuzz campaign. */
public final class BatchFileFuzzTarget implements FuzzTarget {
    @Override
    public String name() {
        return "batch-file";
    }

    @Override
    public void run(byte[] input, Path scratch) throws Exception {
        Path project = Files.createDirectories(scratch.resolve("project"));
        Path file = Files.write(project.resolve("film.json"), input);
        BatchFile batch = JobJson.read(file, BatchFile.class, "batch file");
        BatchPlan.plan(file, batch, project.resolve("film.batch"), Map.of(), null);
    }
}
