package org.talkfx.cli.faces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.inference.face.Box;
import org.talkfx.inference.face.FaceAnalysis;
import org.talkfx.inference.face.FaceTrack;
import org.talkfx.inference.face.Point;
import org.talkfx.inference.face.SpeakerAssignment;
import org.talkfx.inference.face.TrackedFace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The {@code tracks.json} written by {@code talkfx faces}: boxes as [x, y, width, height] in source pixels. */
final class TracksJson {
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TracksJson() {
    }

    static ObjectNode build(List<Path> inputs, String model, double fps, FaceAnalysis a, SpeakerAssignment who) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "talkfx-face-tracks");
        root.put("version", FORMAT_VERSION);
        ArrayNode sources = root.putArray("inputs");
        inputs.forEach(p -> sources.add(p.toString()));
        root.put("model", model);
        root.put("width", a.width());
        root.put("height", a.height());
        root.put("frames", a.frames());
        root.put("fps", fps);
        ArrayNode speakers = root.putArray("speakerTracks");
        if (who != null) {
            who.trackIds().forEach(speakers::add);
        }
        if (a.noFaceFound()) {
            root.put("noFace", a.noFaceAdvice());
        }
        ArrayNode tracks = root.putArray("tracks");
        for (FaceTrack t : a.tracks()) {
            ObjectNode tn = tracks.addObject();
            tn.put("id", t.id());
            int speaker = who == null ? -1 : who.trackIds().indexOf(t.id());
            if (speaker >= 0) {
                tn.put("speaker", speaker + 1);
            } else {
                tn.putNull("speaker");
            }
            tn.put("firstFrame", t.firstFrame());
            tn.put("lastFrame", t.lastFrame());
            tn.put("detectedFrames", t.detectedFrames());
            ArrayNode gaps = tn.putArray("gaps");
            t.gaps().forEach(g -> gaps.addArray().add(g.firstFrame()).add(g.lastFrame()));
            ArrayNode frames = tn.putArray("frames");
            for (TrackedFace f : t.frames()) {
                ObjectNode fn = frames.addObject();
                fn.put("frame", f.frame());
                box(fn.putArray("face"), f.face());
                box(fn.putArray("head"), f.head());
                ArrayNode kps = fn.putArray("keypoints");
                for (Point p : f.keypoints()) {
                    kps.addArray().add(round(p.x())).add(round(p.y()));
                }
                fn.put("score", round(f.score()));
                fn.put("bridged", f.bridged());
            }
        }
        return root;
    }

    static void write(ObjectNode root, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void box(ArrayNode a, Box b) {
        a.add(round(b.x())).add(round(b.y())).add(round(b.width())).add(round(b.height()));
    }

    private static double round(float v) {
        return Math.round(v * 100) / 100.0;
    }
}
