package org.talkfx.hardening;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Collects one line per fault scenario, per test class, into &lt;root&gt;/target/hardening-report/&lt;section&gt;.txt;
 * after each class the sections found so far are joined into &lt;root&gt;/target/hardening-report.txt and printed, so
 * the last class to finish prints the whole report. (bridge-native has a copy of this class: it has no test
 * dependency on plugin-core.) Register with {@code @RegisterExtension static HardeningReport REPORT = new ...}.
 */
public final class HardeningReport implements AfterAllCallback {
    private final String section;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    public HardeningReport(String section) {
        this.section = section;
    }

    /** Records a scenario and its observed outcome: "PASS" lines are what the test then asserts. */
    public void record(String scenario, boolean ok, String outcome) {
        lines.add(String.format("  %-4s %-46s %s", ok ? "ok" : "FAIL", scenario, outcome));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // one report for the whole build: every module's tests write their sections under the root's target/
        Path target = Path.of(System.getProperty("talkfx.root", ".")).resolve("target");
        Path dir = target.resolve("hardening-report");
        try {
            Files.createDirectories(dir);
            List<String> sorted;
            synchronized (lines) {
                sorted = new ArrayList<>(lines);
            }
            Collections.sort(sorted, (a, b) -> a.substring(7).compareTo(b.substring(7)));
            Files.write(dir.resolve(section.replaceAll("[^A-Za-z0-9-]", "_") + ".txt"),
                    Stream.concat(Stream.of(section), sorted.stream()).toList(), StandardCharsets.UTF_8);
            StringBuilder all = new StringBuilder("TalkFX hardening report\n");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    all.append('\n').append(Files.readString(f));
                }
            }
            Files.writeString(target.resolve("hardening-report.txt"), all);
            System.out.println(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
