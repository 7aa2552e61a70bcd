package org.talkfx.engine;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.face.DetectorConfig;
import org.talkfx.inference.face.FaceAnalysis;
import org.talkfx.inference.face.FaceAnalyzer;
import org.talkfx.inference.face.FaceDetector;
import org.talkfx.inference.face.FaceModelLocator;
import org.talkfx.inference.face.RgbFrame;
import org.talkfx.inference.face.SpeakerAssignment;
import org.talkfx.inference.face.TrackerConfig;
import org.talkfx.inference.pipeline.HeadComposite;
import org.talkfx.inference.pipeline.RenderRequest;
import org.talkfx.inference.pipeline.RgbImage;
import org.talkfx.inference.pipeline.SpeakerRegion;
import org.talkfx.shot.Region;
import org.talkfx.shot.ShotSetup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a whole-frame request into a heads-only one from face tracks: per 25-fps frame the union of the speakers'
 * head masks (expanded as the shot's region says) for mask-guided generation and the feathered composite, and for
 * two or more speakers one head region each for the L-RoPE routing. An image source is animated whole and then
 * composited onto the still inside the same feathered mask. The tracks come from the cache when they fit
 * the shot, else the detector runs on the decoded frames and the result is cached for the effect.
 */
final class HeadsOnly {
    private HeadsOnly() {
    }

    /**
     * The heads-only request, and for an image source (which the pipeline animates as a whole: there is no source
     * video to blend latents with) the feathered weight to composite each generated frame onto the still with.
     */
    record Plan(RenderRequest request, RenderRequest.RegionMaskSource imageAlpha) {
    }

    static Plan apply(RenderRequest r, ShotSetup setup, Path tracksFile) {
        HeadTracks tracks = tracks(r, setup.source().inFrame(), tracksFile);
        SpeakerAssignment who = tracks.assignment(setup);
        Region region = setup.region();
        int w = r.sourceWidth();
        int h = r.sourceHeight();
        RenderRequest.RegionMaskSource heads =
                frame -> MaskShaping.expanded(tracks.headMask(who, frame), w, h, region.expand());
        List<SpeakerRegion> speakers = new ArrayList<>();
        if (who.speakers() > 1) {
            for (int s = 0; s < who.speakers(); s++) {
                int speaker = s;
                speakers.add(frame -> MaskShaping.expanded(tracks.speakerMasks(who, frame)[speaker], w, h, 0));
            }
        }
        int radius = MaskShaping.featherRadius(region.feather());
        if (r.image()) {
            RenderRequest request = new RenderRequest(r.sourceFile(), r.source(), true, r.speakers(), r.mode(),
                    speakers, null, 0, r.resolution(), r.settings());
            return new Plan(request, frame -> HeadComposite.feather(heads.at(frame), w, h, radius));
        }
        return new Plan(new RenderRequest(r.sourceFile(), r.source(), false, r.speakers(), r.mode(), speakers, heads,
                radius, r.resolution(), r.settings()), null);
    }

    /** Cached tracks that fit this shot, else detected now (and cached); no face at all fails the job. */
    static HeadTracks tracks(RenderRequest r, long inFrame, Path tracksFile) {
        int w = r.sourceWidth();
        int h = r.sourceHeight();
        int frames = r.source().size();
        var cached = HeadTracks.read(tracksFile).filter(t -> t.fits(w, h, inFrame, frames));
        if (cached.isPresent()) {
            return cached.get();
        }
        FaceAnalysis a;
        try (FaceDetector detector = FaceDetector.open(FaceModelLocator.defaults(), DetectorConfig.defaults())) {
            List<RgbImage> source = r.source();
            a = new FaceAnalyzer(detector, TrackerConfig.defaults().withFps(25))
                    .analyze(source.stream().map(f -> new RgbFrame(f.width(), f.height(), f.rgb())).iterator());
        }
        if (a.noFaceFound()) {
            throw new BadInputException(r.sourceFile(), "'Heads only' found no face to redub: " + a.noFaceAdvice()
                    + "; or set Region to 'Mask clip' and connect a mask (or give head boxes with `talkfx render "
                    + "--head-only --head-box`) instead of generating the whole frame");
        }
        HeadTracks found = new HeadTracks(w, h, inFrame, frames, a.tracks());
        found.write(tracksFile);
        return found;
    }
}
