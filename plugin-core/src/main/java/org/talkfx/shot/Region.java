package org.talkfx.shot;

/**
 * Which pixels change. {@code feather} softens the mask edge and {@code expand} grows (negative: shrinks) it, both
 * in pixels of the source frame; {@code mask_media} is a mask video or image for {@code mask_clip} outside a host.
 */
public record Region(RegionKind kind, Double feather, Double expand, String maskMedia) {
    public Region {
        if (kind == null) {
            kind = RegionKind.WHOLE_FRAME;
        }
        if (feather == null) {
            feather = 8.0;
        }
        if (expand == null) {
            expand = 0.0;
        }
    }
}
