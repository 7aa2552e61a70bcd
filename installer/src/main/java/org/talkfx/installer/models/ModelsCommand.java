package org.talkfx.installer.models;

import org.talkfx.cli.TalkFxCommand;
import org.talkfx.inference.face.FaceModelLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Check the model files (headers only) and show where each file goes.",
        subcommands = {ModelsCommand.Verify.class, ModelsCommand.Layout.class})
public final class ModelsCommand implements Runnable, TalkFxCommand {
    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 62;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Find the model files under DIR, read their headers and report each one; exit code 1 when "
                    + "something required is missing or wrong.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The models folder.")
        Path dir;

        @Override
        public Integer call() {
            FaceModelLocator defaults = FaceModelLocator.defaults();
            List<Path> faceDirs = new ArrayList<>(List.of(dir.resolve("face")));
            faceDirs.addAll(defaults.searchDirs());
            VerifyReport r = ModelsVerifier.verify(dir, new FaceModelLocator(faceDirs, defaults.cacheDir()));
            print(r, System.out);
            return r.ok() ? 0 : 1;
        }
    }

    @Command(name = "layout", mixinStandardHelpOptions = true,
            description = "Print where each model file goes (exact names).")
    static final class Layout implements Runnable {
        @Override
        public void run() {
            printLayout(System.out);
        }
    }

    static void printLayout(PrintStream out) {
        out.println("models/                        (any folder; pass it to 'talkfx models verify' and the render commands)");
        for (ModelComponent c : ModelComponent.values()) {
            out.printf("  %-38s %s%s%n", c.folder(), c.label(), c.required() ? "" : " (optional)");
            for (String n : c.names()) {
                out.println("      " + n);
            }
        }
        out.println("  face/  (or ~/.cache/talkfx/models/blazeface)  face detector");
        out.println("      face_detection_back_256x256_barracuda.onnx, face_detection_front_128x128_barracuda.onnx");
        out.println("      (fetched and checked by: talkfx faces --download-model)");
        out.println("Not loaded: .pth/.pt/.bin/.ckpt pickles (convert to safetensors), GGUF files.");
    }

    static void print(VerifyReport r, PrintStream out) {
        out.println("Model files in " + r.dir().toAbsolutePath());
        for (ModelComponent c : ModelComponent.values()) {
            List<FileReport> files = r.files().stream().filter(f -> f.component() == c).toList();
            if (files.isEmpty()) {
                String tag = r.missing().contains(c) ? "MISS" : "----";
                out.printf("  [%s] %-20s %s%n", tag, c.label(), "not found; expected in " + c.folder() + ": "
                        + String.join("; ", c.names()));
            }
            boolean missing = r.missing().contains(c);
            files.forEach(f -> file(out, c.label(), r.dir(), f, missing));
        }
        r.files().stream().filter(f -> f.component() == null).forEach(f -> file(out, "?", r.dir(), f, false));
        if (!r.mismatches().isEmpty()) {
            out.println("Components that do not fit each other:");
            r.mismatches().forEach(m -> out.println("  [FAIL] " + m));
        }
        out.println("Face detector");
        for (FaceDetectorCheck.Result f : r.faceDetector()) {
            out.printf("  [%s] %-20s %s%n", f.ok() ? " ok " : (f.file() == null ? "MISS" : "FAIL"),
                    f.model().name().toLowerCase(Locale.ROOT), f.ok() ? f.file() + " (SHA-256 matches)" : f.problem());
        }
        out.println(r.ok() ? "All required model files are present and consistent."
                : r.problems() + " problem(s) found.");
    }

    /** {@code componentMissing}: no other file provides this one's component, so an unsuitable file is a failure. */
    private static void file(PrintStream out, String label, Path root, FileReport f, boolean componentMissing) {
        Path rel = f.path().startsWith(root) ? root.relativize(f.path()) : f.path();
        String tag = f.ok() ? " ok " : !f.errors().isEmpty() || componentMissing ? "FAIL" : "skip";
        out.printf("  [%s] %-20s %s  %s  %s%n", tag, label, rel, f.dtype().isEmpty() ? "-" : f.dtype(), human(f.bytes()));
        if (f.architecture() != null) {
            out.println("         " + f.architecture().describe());
        }
        f.notes().forEach(n -> out.println("         note: " + n));
        f.unsuitable().forEach(e -> out.println("         not usable: " + e));
        f.errors().forEach(e -> out.println("         problem: " + e));
    }

    static String human(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1 << 20) {
            return bytes + " B";
        }
        return bytes < 1L << 30 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }
}
