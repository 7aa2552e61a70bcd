package org.talkfx.farm;

import java.util.Map;

/**
 * What a render-farm description needs besides the shots: how nodes call TalkFX, where the roots are mounted on
 * them, and what one task needs from a node.
 *
 * @param command       the TalkFX launcher on the nodes (default {@code talkfx})
 * @param nodeRoots     root name -> folder as the nodes see it (default: as on this machine)
 * @param cacheDir      render cache the nodes share (null = each node's default), so a retried task resumes
 * @param gpuMemoryGb   GPU memory one task needs
 * @param memoryGb      host memory one task needs
 * @param retries       how often a failed task is retried
 * @param timeoutMinutes a task running longer is killed (0 = no limit)
 */
public record FarmSettings(String name, String command, Map<String, String> nodeRoots, String cacheDir, int gpus,
                           int gpuMemoryGb, int memoryGb, int cores, int retries, int timeoutMinutes, String show,
                           String user) {
    public FarmSettings {
        nodeRoots = Map.copyOf(nodeRoots);
    }
}
