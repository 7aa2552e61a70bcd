package org.talkfx.cli;

import org.talkfx.cli.doctor.DoctorCheck;
import org.talkfx.cli.doctor.Finding;
import org.talkfx.common.RuntimeSetup;
import org.talkfx.inference.engine.EngineReport;
import org.talkfx.inference.engine.Engines;
import org.talkfx.media.FfmpegInfo;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, the DJL engines (offline), FFmpeg natives and codecs, disk, GPU, the installed "
                + "bundle and the hosts that see it, the render service and the cache; says what to do about each problem.")
public final class DoctorCommand implements Callable<Integer>, TalkFxCommand {
    private int problems;

    @Override
    public int order() {
        return 90;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        out.println("Java");
        line(out, true, "runtime", System.getProperty("java.version") + " " + System.getProperty("java.vm.name")
                + " at " + System.getProperty("java.home"));
        line(out, Runtime.version().feature() >= 17, "feature version", Runtime.version().feature() + " (17 or newer needed)",
                "install a Java 17+ runtime and set TALKFX_JAVA_HOME to it");
        line(out, true, "max heap", Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");

        out.println("Deep learning engines (offline mode: " + System.getProperty("ai.djl.offline") + ")");
        for (String engine : new String[]{Engines.PYTORCH, Engines.ONNX_RUNTIME}) {
            EngineReport r = Engines.probe(engine);
            if (r.loaded()) {
                line(out, true, r.name(), "version " + r.version() + ", devices " + r.devices()
                        + (r.gpuCount() == 0 ? " (no GPU: generation runs on CPU, usable only with tiny models)" : ""));
            } else {
                line(out, false, r.name(), r.problem(), "rebuild once with network access (./talkfx fetches the "
                        + "natives into target/native-cache), or check DJL_CACHE_DIR");
            }
        }

        out.println("FFmpeg");
        try {
            FfmpegInfo ff = FfmpegInfo.probe();
            line(out, true, "natives", ff.version());
            codecs(out, "encoder", ff.encoders());
            codecs(out, "decoder", ff.decoders());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            line(out, false, "natives", "could not load: " + e, "rebuild (mvn package) so the JavaCPP FFmpeg jars are "
                    + "present, or check org.bytedeco.javacpp.cachedir");
        }

        out.println("Disk");
        Path cache = RuntimeSetup.nativeCacheDir();
        line(out, true, "native cache", cache.toAbsolutePath().toString());
        try {
            Path existing = cache;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            long free = existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
            line(out, free > 10L << 30, "free space", (free >> 20) + " MiB" + (free > 10L << 30 ? "" : " (under 10 GiB)"),
                    "free disk space or move the native cache (TALKFX_NATIVE_CACHE)");
        } catch (IOException e) {
            line(out, false, "free space", e.getMessage());
        }
        ServiceLoader.load(DoctorCheck.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(DoctorCheck::order).thenComparing(DoctorCheck::title))
                .forEach(check -> section(out, check));
        out.println(problems == 0 ? "All checks passed." : problems + " problem(s) found.");
        return problems == 0 ? 0 : 1;
    }

    private void codecs(PrintStream out, String kind, Map<String, Boolean> found) {
        found.forEach((name, ok) -> line(out, ok, kind + " " + name, ok ? "available" : "missing",
                "TalkFX needs the GPL build of JavaCPP FFmpeg (classifier linux-x86_64-gpl); rebuild with mvn package"));
    }

    private void section(PrintStream out, DoctorCheck check) {
        out.println(check.title());
        try {
            check.run().forEach(f -> print(out, f));
        } catch (RuntimeException e) {
            print(out, Finding.fail("check", "failed: " + e, "a bug in this check; please report it with this line"));
        }
    }

    private void line(PrintStream out, boolean ok, String what, String detail) {
        line(out, ok, what, detail, null);
    }

    private void line(PrintStream out, boolean ok, String what, String detail, String fix) {
        print(out, ok ? Finding.ok(what, detail) : Finding.fail(what, detail, fix));
    }

    private void print(PrintStream out, Finding f) {
        if (f.level() == Finding.Level.FAIL) {
            problems++;
        }
        String tag = switch (f.level()) {
            case OK -> " ok ";
            case WARN -> "warn";
            case FAIL -> "FAIL";
        };
        out.printf("  [%s] %-18s %s%n", tag, f.what(), f.detail());
        if (f.fix() != null) {
            out.println("         fix: " + f.fix());
        }
    }
}
