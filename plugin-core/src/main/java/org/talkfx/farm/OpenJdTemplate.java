package org.talkfx.farm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Open Job Description job template ({@code specificationVersion: jobtemplate-2023-09}, JSON) for AWS Deadline
 * Cloud or any OpenJD runner: one step {@code RenderShots} whose parameter space has one task per shot; each task
 * runs {@code talkfx render --job <jobs dir>/<shot>.json}. The jobs folder and every root are PATH job parameters
 * (defaults: where they are here), so the farm's path mapping moves them; host requirements ask for GPUs, GPU
 * memory, memory and vCPUs. Retries are a submission setting in OpenJD (e.g. Deadline Cloud's max retries per
 * task), not part of the template.
 */
public final class OpenJdTemplate {
    public static final String VERSION = "jobtemplate-2023-09";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenJdTemplate() {
    }

    /** A job-parameter identifier for a root: Root_media. */
    static String rootParam(String root) {
        return "Root_" + root.replaceAll("[^A-Za-z0-9_]", "_");
    }

    public static ObjectNode template(String jobsDir, List<FarmShot> shots, FarmSettings s) {
        ObjectNode t = JSON.createObjectNode();
        t.put("specificationVersion", VERSION);
        t.put("name", ("TalkFX batch " + s.name()).substring(0, Math.min(128, 13 + s.name().length())));
        t.put("description", "InfiniteTalk lip-sync of " + shots.size() + " shots; one task per shot runs "
                + "`talkfx render --job`. Written by talkfx batch --farm openjd.");
        ArrayNode params = t.putArray("parameterDefinitions");
        params.addObject().put("name", "JobsDir").put("type", "PATH").put("objectType", "DIRECTORY")
                .put("dataFlow", "IN").put("default", jobsDir)
                .put("description", "Folder of the shot job files");
        Map<String, String> roots = new TreeMap<>(s.nodeRoots());
        roots.forEach((name, dir) -> params.addObject().put("name", rootParam(name)).put("type", "PATH")
                .put("objectType", "DIRECTORY").put("dataFlow", name.startsWith("out") ? "OUT" : "IN")
                .put("default", dir).put("description", "The declared root '" + name + "'"));
        if (s.cacheDir() != null) {
            params.addObject().put("name", "CacheDir").put("type", "PATH").put("objectType", "DIRECTORY")
                    .put("default", s.cacheDir()).put("description", "Render cache shared by the workers");
        }
        ObjectNode step = t.putArray("steps").addObject();
        step.put("name", "RenderShots");
        step.put("description", "One task per shot: windows are sequential inside a shot, shots are independent.");
        ArrayNode range = step.putObject("parameterSpace").putArray("taskParameterDefinitions").addObject()
                .put("name", "Shot").put("type", "STRING").putArray("range");
        shots.forEach(shot -> range.add(shot.id()));
        ObjectNode run = step.putObject("script").putObject("actions").putObject("onRun");
        run.put("command", s.command());
        ArrayNode args = run.putArray("args");
        args.add("render").add("--job").add("{{Param.JobsDir}}/{{Task.Param.Shot}}.json");
        roots.keySet().forEach(name -> args.add("--root").add(name + "={{Param." + rootParam(name) + "}}"));
        if (s.cacheDir() != null) {
            args.add("--cache-dir").add("{{Param.CacheDir}}");
        }
        if (s.timeoutMinutes() > 0) {
            run.put("timeout", s.timeoutMinutes() * 60);
        }
        // SIGTERM first: talkfx render stops at the next sampler step and keeps the finished windows.
        run.putObject("cancelation").put("mode", "NOTIFY_THEN_TERMINATE").put("notifyPeriodInSeconds", 30);
        ObjectNode host = step.putObject("hostRequirements");
        ArrayNode amounts = host.putArray("amounts");
        amounts.addObject().put("name", "amount.worker.gpu").put("min", s.gpus());
        amounts.addObject().put("name", "amount.worker.gpu.memory").put("min", s.gpuMemoryGb() * 1024);
        amounts.addObject().put("name", "amount.worker.memory").put("min", s.memoryGb() * 1024);
        amounts.addObject().put("name", "amount.worker.vcpu").put("min", s.cores());
        host.putArray("attributes").addObject().put("name", "attr.worker.os.family").putArray("anyOf").add("linux");
        return t;
    }

    public static String write(String jobsDir, List<FarmShot> shots, FarmSettings s) {
        try {
            return JSON.writeValueAsString(template(jobsDir, shots, s)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
