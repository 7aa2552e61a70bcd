package org.talkfx.hardening.fuzz;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.talkfx.hardening.HardeningReport;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CI fuzz campaign: a few seconds per target. The long campaign is the same test with a larger budget:
 * {@code mvn -o -pl plugin-core -Pfuzz verify} or -Dtalkfx.fuzz.seconds=N (see docs/hardening.md).
 */
class FuzzCampaignTest {
    @RegisterExtension
    static final HardeningReport REPORT = new HardeningReport("Fuzzing (inputs tried, outcome per target)");

    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"safetensors", "otio", "shot-setup", "media-probe", "batch-file"})
    void noFindings(String name) throws Exception {
        String only = System.getProperty("talkfx.fuzz.targets", "all");
        assumeTrue(only.equals("all") || java.util.List.of(only.split(",")).contains(name), "not selected");
        double seconds = Double.parseDouble(System.getProperty("talkfx.fuzz.seconds", "3"));
        long seed = Long.getLong("talkfx.fuzz.seed", 20261125L);
        FuzzCampaign.Result r = new FuzzCampaign(FuzzTargets.byName(name), seed, Path.of("target", "fuzz-findings"))
                .run(seconds, Long.MAX_VALUE, scratch);
        System.out.println("fuzz " + r.line());
        r.findings().values().forEach(f -> System.out.println("  finding " + f.signature() + ": " + f.message()
                + " (input " + f.input() + ")"));
        REPORT.record("fuzz " + name + " (seed " + seed + ")", r.findings().isEmpty(), r.line().substring(13));
        assertThat(r.tried()).isGreaterThan(r.accepted());
        assertThat(r.findings()).as("findings of %s; inputs saved under target/fuzz-findings", name).isEmpty();
    }
}
