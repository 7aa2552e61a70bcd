package org.talkfx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.talkfx.bench.BenchResult;
import org.talkfx.bench.BenchRunner;
import org.talkfx.bench.Benchmark;
import org.talkfx.bench.MachineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run benchmarks and print their figures (nothing is asserted). Names select by prefix.")
public final class BenchCommand implements Callable<Integer>, TalkFxCommand {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Benchmark name prefixes (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "List the benchmarks and exit.")
    boolean list;

    @Option(names = "--quick", description = "Fewer iterations and smaller sizes.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Override
    public int order() {
        return 80;
    }

    @Override
    public Integer call() throws Exception {
        if (list) {
            for (Benchmark b : BenchRunner.available()) {
                System.out.printf("%-36s %s%n", b.name(), b.description());
            }
            return 0;
        }
        List<BenchResult> results = BenchRunner.run(names, quick, System.out);
        if (json != null) {
            Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(tmp.toFile(), Map.of("machine", MachineInfo.describe(), "results", results));
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return 0;
    }
}
