package org.talkfx.timeline;

import java.util.List;

/**
 * A child of a track or stack. Durations follow OTIO: a clip lasts its {@code source_range} (else its media's
 * available range), a track the sum of its children, a stack its longest child, a transition nothing (it overlaps
 * its neighbours). A container's own {@code source_range} trims what it shows.
 */
public sealed interface Composable permits Composable.Clip, Composable.Gap, Composable.Transition,
        Composable.Stack, Composable.Track {
    String name();

    /** Where the item sits in the file, e.g. {@code $.tracks.children[0].children[2]}. */
    String jsonPath();

    RationalTime duration();

    record Clip(String name, String jsonPath, boolean enabled, TimeRange sourceRange, MediaReference media,
                List<Marker> markers, List<String> effects) implements Composable {
        /** The part of the media the clip plays: its source range, else the media's available range. */
        public TimeRange trimmedRange() {
            if (sourceRange != null) {
                return sourceRange;
            }
            return media == null ? null : media.availableRange();
        }

        @Override
        public RationalTime duration() {
            TimeRange r = trimmedRange();
            return r == null ? RationalTime.zero(1) : r.duration();
        }
    }

    record Gap(String name, String jsonPath, TimeRange sourceRange, List<Marker> markers) implements Composable {
        @Override
        public RationalTime duration() {
            return sourceRange == null ? RationalTime.zero(1) : sourceRange.duration();
        }
    }

    /** Overlaps {@code inOffset} of the item before and {@code outOffset} of the item after its cut point. */
    record Transition(String name, String jsonPath, String transitionType, RationalTime inOffset,
                      RationalTime outOffset) implements Composable {
        @Override
        public RationalTime duration() {
            return RationalTime.zero(inOffset.rate());
        }
    }

    record Stack(String name, String jsonPath, boolean enabled, TimeRange sourceRange, List<Composable> children,
                 List<Marker> markers, List<String> effects) implements Composable {
        /** The untrimmed extent: the longest child. */
        public RationalTime childrenDuration() {
            RationalTime longest = RationalTime.zero(1);
            for (Composable c : children) {
                longest = RationalTime.max(longest, c.duration());
            }
            return longest;
        }

        @Override
        public RationalTime duration() {
            return sourceRange != null ? sourceRange.duration() : childrenDuration();
        }
    }

    record Track(String name, String jsonPath, TrackKind kind, boolean enabled, TimeRange sourceRange,
                 List<Composable> children, List<Marker> markers, List<String> effects) implements Composable {
        /** The untrimmed extent: the sum of the children, transitions excluded. */
        public RationalTime childrenDuration() {
            RationalTime sum = RationalTime.zero(1);
            for (Composable c : children) {
                sum = sum.plus(c.duration());
            }
            return sum;
        }

        @Override
        public RationalTime duration() {
            return sourceRange != null ? sourceRange.duration() : childrenDuration();
        }
    }
}
