package org.talkfx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine, printed with every benchmark run so figures keep their context. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: the OS line below still says where the figures came from
        }
        Runtime rt = Runtime.getRuntime();
        return cpu + ", " + rt.availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + ", max heap " + (rt.maxMemory() >> 20) + " MiB";
    }
}
