package org.talkfx.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes where each item plays. OTIO stores no positions: an item starts where its preceding siblings end
 * (gaps included, transitions excluded), stack children all start at the stack's start, and a container's
 * {@code source_range} selects which part of its children is seen.
 */
final class TimelineLayout {
    private final List<PlacedItem> out = new ArrayList<>();

    private TimelineLayout() {
    }

    static List<PlacedItem> place(Composable.Stack root) {
        TimelineLayout layout = new TimelineLayout();
        RationalTime zero = RationalTime.zero(1);
        TimeRange whole = new TimeRange(zero, root.duration());
        layout.children(root, zero, whole, TrackKind.OTHER, "", true);
        return List.copyOf(layout.out);
    }

    /**
     * Lays out the children of {@code container}, whose internal time 0 sits at timeline time {@code origin};
     * only the part inside {@code window} (timeline time) is visible.
     */
    private void children(Composable container, RationalTime origin, TimeRange window, TrackKind kind,
                          String trackName, boolean enabled) {
        if (container instanceof Composable.Track track) {
            RationalTime t = RationalTime.zero(1);
            for (Composable child : track.children()) {
                if (child instanceof Composable.Transition tr) {
                    RationalTime cut = origin.plus(t);
                    TimeRange range = TimeRange.between(cut.minus(tr.inOffset()), cut.plus(tr.outOffset()));
                    out.add(new PlacedItem(tr, kind, trackName, range, RationalTime.zero(1), enabled));
                    continue;
                }
                item(child, origin.plus(t), window, kind, trackName, enabled);
                t = t.plus(child.duration());
            }
        } else if (container instanceof Composable.Stack stack) {
            for (Composable child : stack.children()) {
                item(child, origin, window, kind, trackName, enabled);
            }
        }
    }

    private void item(Composable item, RationalTime start, TimeRange window, TrackKind kind, String trackName,
                      boolean enabled) {
        TimeRange full = new TimeRange(start, item.duration());
        TimeRange visible = full.intersect(window);
        if (visible == null) {
            return;
        }
        RationalTime skipped = visible.start().minus(start);
        if (item instanceof Composable.Clip c) {
            TimeRange trimmed = c.trimmedRange();
            RationalTime srcStart = trimmed == null ? skipped : trimmed.start().plus(skipped);
            out.add(new PlacedItem(c, kind, trackName, visible, srcStart, enabled && c.enabled()));
        } else if (item instanceof Composable.Gap g) {
            RationalTime gapStart = g.sourceRange() == null ? RationalTime.zero(1) : g.sourceRange().start();
            out.add(new PlacedItem(g, kind, trackName, visible, gapStart.plus(skipped), enabled));
        } else if (item instanceof Composable.Track t) {
            boolean on = enabled && t.enabled();
            out.add(new PlacedItem(t, t.kind(), t.name(), visible, skipped, on));
            children(t, start.minus(innerStart(t.sourceRange())), visible, t.kind(), t.name(), on);
        } else if (item instanceof Composable.Stack s) {
            boolean on = enabled && s.enabled();
            out.add(new PlacedItem(s, kind, trackName, visible, skipped, on));
            children(s, start.minus(innerStart(s.sourceRange())), visible, kind, trackName, on);
        }
    }

    private static RationalTime innerStart(TimeRange sourceRange) {
        return sourceRange == null ? RationalTime.zero(1) : sourceRange.start();
    }
}
