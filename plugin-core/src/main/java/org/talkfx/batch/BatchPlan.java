package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.ContentHashes;
import org.talkfx.common.BadInputException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A batch file turned into one shot job file per shot (under {@code <work>/jobs/}), each checked on its own: a shot
 * whose inputs are missing, unreadable or outside the roots, or whose output name another shot also produces, gets
 * its error and the others go on.
 */
public final class BatchPlan {
    private static final Pattern SHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A shot of the plan: its job (null when even that could not be made), its file, and either prepared or error. */
    public record Planned(int index, String id, ShotJob job, Path jobFile, PreparedShot prepared, String error) {
        public boolean ok() {
            return prepared != null;
        }
    }

    private BatchPlan() {
    }

    public static List<Planned> plan(Path batchFile, BatchFile batch, Path workDir, Map<String, Path> rootOverrides,
                                     Path models) {
        if (!BatchFile.FORMAT.equals(batch.format())) {
            throw new BadInputException(batchFile, "format is '" + batch.format() + "', expected " + BatchFile.FORMAT);
        }
        if (batch.shots().isEmpty()) {
            throw new BadInputException(batchFile, "no shots");
        }
        Path base = batchFile.toAbsolutePath().getParent();
        Roots roots = Roots.declared(batch.roots(), base).with(rootOverrides);
        Path jobsDir = workDir.resolve("jobs").toAbsolutePath().normalize();
        // Roots as the job files write them: relative to the jobs folder when the batch wrote them relative.
        Map<String, String> jobRoots = new LinkedHashMap<>();
        roots.asMap().forEach((k, v) -> jobRoots.put(k, Path.of(batch.roots().getOrDefault(k, "/")).isAbsolute()
                || rootOverrides.containsKey(k) ? v.toString() : jobsDir.relativize(v).toString()));
        ContentHashes hashes = new ContentHashes();

        List<Planned> out = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < batch.shots().size(); i++) {
            BatchFile.Entry e = batch.shots().get(i);
            String id = e.shot() == null ? "shot#" + (i + 1) : e.lang() == null ? e.shot() : e.shot() + "_" + e.lang();
            try {
                if (e.shot() == null || !SHOT_NAME.matcher(e.shot()).matches()
                        || (e.lang() != null && !SHOT_NAME.matcher(e.lang()).matches())) {
                    throw new BadInputException(batchFile, "shot " + (i + 1) + ": shot and lang names must be letters, "
                            + "digits, '.', '_' or '-' (at most 64), got " + e.shot() + "/" + e.lang());
                }
                if (ids.put(id, i) != null) {
                    throw new BadInputException(batchFile, "shot " + id + " appears twice");
                }
                ObjectNode setup = setupOf(e, roots, batchFile);
                String template = e.output() != null ? e.output() : batch.output();
                if (template == null) {
                    throw new BadInputException(batchFile, "shot " + id + ": no output template (\"output\")");
                }
                String output = template.replace("{shot}", e.shot()).replace("{lang}", e.lang() == null ? "" : e.lang())
                        .replace("{index}", String.format(Locale.ROOT, "%03d", i + 1));
                RenderParams params = batch.render().overriddenBy(e.render());
                ShotJob job = new ShotJob(ShotJob.FORMAT, e.shot(), e.lang(), jobRoots, setup, params, Map.of(), output);
                out.add(new Planned(i, id, job, jobsDir.resolve(id + ".json"), null, null));
            } catch (BadInputException ex) {
                out.add(new Planned(i, id, null, null, null, ex.getMessage()));
            }
        }
        // Prepare each shot (resolve, check, hash), then refuse outputs that two shots share.
        Map<Path, List<Integer>> byOutput = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            Planned p = out.get(i);
            if (p.job() == null) {
                continue;
            }
            try {
                PreparedShot prepared = PreparedShot.prepare(p.job(), p.jobFile(), rootOverrides, models, hashes);
                ShotJob withHashes = new ShotJob(p.job().format(), p.job().shot(), p.job().lang(), p.job().roots(),
                        p.job().setup(), p.job().render(), prepared.inputHashes(), p.job().output());
                out.set(i, new Planned(p.index(), p.id(), withHashes, p.jobFile(), prepared.withJob(withHashes), null));
                byOutput.computeIfAbsent(key(prepared.output()), k -> new ArrayList<>()).add(i);
            } catch (BadInputException ex) {
                out.set(i, new Planned(p.index(), p.id(), p.job(), p.jobFile(), null, ex.getMessage()));
            }
        }
        for (Map.Entry<Path, List<Integer>> d : byOutput.entrySet()) {
            if (d.getValue().size() > 1) {
                List<String> names = d.getValue().stream().map(j -> out.get(j).id()).toList();
                for (int j : d.getValue()) {
                    Planned p = out.get(j);
                    out.set(j, new Planned(p.index(), p.id(), p.job(), p.jobFile(), null, p.prepared().output()
                            + ": duplicate output name: shots " + String.join(", ", names)
                            + " would all write it (make the output template include {shot} and {lang})"));
                }
            }
        }
        for (Planned p : out) {
            if (p.ok()) {
                JobJson.write(p.jobFile(), p.job());
            }
        }
        return out;
    }

    /** Outputs compared case-insensitively: two names differing only in case collide on macOS and Windows. */
    private static Path key(Path output) {
        return Path.of(output.toAbsolutePath().normalize().toString().toLowerCase(Locale.ROOT));
    }

    private static ObjectNode setupOf(BatchFile.Entry e, Roots roots, Path batchFile) {
        if ((e.setup() == null) == (e.setupFile() == null)) {
            throw new BadInputException(batchFile, "shot " + e.shot() + ": give exactly one of setup and setup_file");
        }
        if (e.setup() != null) {
            return e.setup().deepCopy();
        }
        Path file = roots.resolve(e.setupFile(), batchFile);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "shot " + e.shot() + ": shot setup file is missing");
        }
        ObjectNode tree = (ObjectNode) JobJson.read(file, ObjectNode.class, "shot setup");
        Path dir = file.getParent();
        rewrite(tree.path("source"), "media", dir, roots, file);
        if (tree.path("speakers") instanceof ArrayNode speakers) {
            for (JsonNode s : speakers) {
                rewrite(s, "audio", dir, roots, file);
            }
        }
        rewrite(tree.path("region"), "mask_media", dir, roots, file);
        rewrite(tree, "model_directory", dir, roots, file);
        return tree;
    }

    /** A path of a setup file (relative to its folder, or absolute) written as root:relative. */
    private static void rewrite(JsonNode node, String field, Path dir, Roots roots, Path file) {
        if (node instanceof ObjectNode o && o.path(field).isTextual()) {
            Path p;
            try {
                p = dir.resolve(o.get(field).asText()).normalize();
            } catch (InvalidPathException e) {
                throw new BadInputException(file, field + ": not a usable path: " + e.getReason());
            }
            o.put(field, roots.refer(p, file));
        }
    }
}
