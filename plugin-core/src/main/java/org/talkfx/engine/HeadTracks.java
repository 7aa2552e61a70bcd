package org.talkfx.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.AtomicFiles;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.face.Box;
import org.talkfx.inference.face.FaceTrack;
import org.talkfx.inference.face.MaskStyle;
import org.talkfx.inference.face.SpeakerAssignment;
import org.talkfx.inference.face.SpeakerMasks;
import org.talkfx.inference.face.TrackedFace;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.Speaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The face tracks of a shot's source, as the engine found them for a heads-only job, cached next to the render
 * cache's entries as {@code face-tracks/<source content hash>.json} so that the effect composites inside the same
 * head masks without running the detector (it only reads this file). Frame k is the k-th 25-fps frame from the
 * shot's in-frame, as the pipeline numbers them; boxes are in source pixels.
 */
public record HeadTracks(int width, int height, long inFrame, int frames, List<FaceTrack> tracks) {
    public static final String DIRECTORY = "face-tracks";
    private static final String FORMAT = "talkfx-head-tracks/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public HeadTracks {
        tracks = List.copyOf(tracks);
    }

    public static Path file(Path cacheRoot, String sourceHash) {
        return cacheRoot.resolve(DIRECTORY).resolve(sourceHash + ".json");
    }

    /** Whether these tracks were made for this shot: same picture size and start, enough frames. */
    public boolean fits(int width, int height, long inFrame, int frames) {
        return this.width == width && this.height == height && this.inFrame == inFrame && this.frames >= frames;
    }

    /**
     * Which track each enabled speaker is: the shot setup's face track ids when every speaker has one, else the
     * official order (speaker 1 is the leftmost of the most-seen faces).
     */
    public SpeakerAssignment assignment(ShotSetup setup) {
        List<Speaker> speakers = setup.enabledSpeakers();
        List<Integer> chosen = speakers.stream().map(Speaker::faceTrack).toList();
        if (chosen.stream().allMatch(id -> id != null)) {
            return SpeakerAssignment.chosen(tracks, chosen);
        }
        return SpeakerAssignment.leftToRight(tracks, speakers.size());
    }

    /** The soft head mask of each speaker at frame k (frames past the end use the last), source resolution. */
    public float[][] speakerMasks(SpeakerAssignment who, int frame) {
        return SpeakerMasks.pixelMasks(tracks, who, Math.min(frame, frames - 1), width, height, MaskStyle.defaults());
    }

    /** The union of the speakers' head masks at frame k. */
    public float[] headMask(SpeakerAssignment who, int frame) {
        float[] union = new float[width * height];
        for (float[] m : speakerMasks(who, frame)) {
            for (int i = 0; i < union.length; i++) {
                union[i] = Math.max(union[i], m[i]);
            }
        }
        return union;
    }

    /** The cached tracks, if the file exists and reads back; a damaged file counts as absent. */
    public static Optional<HeadTracks> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (!FORMAT.equals(root.path("format").asText())) {
                return Optional.empty();
            }
            List<FaceTrack> tracks = new ArrayList<>();
            for (JsonNode t : root.path("tracks")) {
                List<TrackedFace> faces = new ArrayList<>();
                for (JsonNode f : t.path("frames")) {
                    faces.add(new TrackedFace(f.path("frame").asInt(), box(f.path("face")), box(f.path("head")),
                            List.of(), (float) f.path("score").asDouble(), f.path("bridged").asBoolean()));
                }
                List<FaceTrack.Gap> gaps = new ArrayList<>();
                for (JsonNode g : t.path("gaps")) {
                    gaps.add(new FaceTrack.Gap(g.get(0).asInt(), g.get(1).asInt()));
                }
                tracks.add(new FaceTrack(t.path("id").asInt(), faces, gaps));
            }
            return Optional.of(new HeadTracks(root.path("width").asInt(), root.path("height").asInt(),
                    root.path("in_frame").asLong(), root.path("frames").asInt(), tracks));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Written to a temporary name and renamed: readers see the old file or the whole new one. */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("width", width).put("height", height)
                .put("in_frame", inFrame).put("frames", frames);
        ArrayNode ts = root.putArray("tracks");
        for (FaceTrack t : tracks) {
            ObjectNode tn = ts.addObject().put("id", t.id());
            ArrayNode gaps = tn.putArray("gaps");
            t.gaps().forEach(g -> gaps.addArray().add(g.firstFrame()).add(g.lastFrame()));
            ArrayNode fs = tn.putArray("frames");
            for (TrackedFace f : t.frames()) {
                ObjectNode fn = fs.addObject().put("frame", f.frame()).put("score", f.score()).put("bridged", f.bridged());
                box(fn.putArray("face"), f.face());
                box(fn.putArray("head"), f.head());
            }
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new BadInputException(file, "cannot write the face tracks: " + e.getMessage(), e);
        }
    }

    private static void box(ArrayNode a, Box b) {
        a.add(b.x()).add(b.y()).add(b.width()).add(b.height());
    }

    private static Box box(JsonNode a) {
        return new Box((float) a.get(0).asDouble(), (float) a.get(1).asDouble(), (float) a.get(2).asDouble(),
                (float) a.get(3).asDouble());
    }
}
