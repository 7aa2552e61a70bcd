package org.talkfx.inference.engine;

import java.util.List;

/** What the deep-learning engines look like on this machine, for {@code talkfx doctor}. */
public record EngineReport(String name, boolean loaded, String version, int gpuCount, List<String> devices,
                           String problem) {
    public static EngineReport failed(String name, String problem) {
        return new EngineReport(name, false, "", 0, List.of(), problem);
    }
}
