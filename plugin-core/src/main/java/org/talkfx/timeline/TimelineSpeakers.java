package org.talkfx.timeline;

import org.talkfx.common.BadInputException;
import org.talkfx.shot.Speaker;

/**
 * Turns an audio clip of an imported timeline into a shot-setup speaker that sounds exactly as the timeline plays
 * it: the clip's media file, trimmed to the part the clip plays, placed relative to the effect's clip.
 */
public final class TimelineSpeakers {
    private TimelineSpeakers() {
    }

    /**
     * The speaker for {@code clip}, relative to {@code effectStart} (timeline time of the effect's first frame).
     * Media times are counted from the media's {@code available_range} start when it has one (files with a
     * start timecode), so {@code audio_in}/{@code audio_out} are seconds into the file.
     */
    public static Speaker speakerFor(Timeline timeline, PlacedItem clip, RationalTime effectStart) {
        if (!(clip.media() instanceof MediaReference.External ext) || ext.path() == null) {
            throw new BadInputException(timeline.file(), "clip \"" + clip.name() + "\" at " + clip.item().jsonPath()
                    + " has no local media file");
        }
        RationalTime mediaOrigin = ext.availableRange() == null ? RationalTime.zero(1) : ext.availableRange().start();
        double in = clip.sourceStart().minus(mediaOrigin).seconds();
        double out = in + clip.timelineRange().duration().seconds();
        double fileZeroAt = clip.timelineRange().start().minus(effectStart).seconds() - in;
        return new Speaker(ext.path().toString(), fileZeroAt, 0.0, clip.enabled(), null, in, out);
    }
}
