package org.talkfx.shot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which pixels the generated frames replace. */
public enum RegionKind {
    @JsonProperty("whole_frame") WHOLE_FRAME,
    /** Only the assigned speakers' heads, from the face tracks, softened by feather and grown by expand. */
    @JsonProperty("heads_only") HEADS_ONLY,
    /** The host's optional Mask clip (or {@code mask_media} outside a host). */
    @JsonProperty("mask_clip") MASK_CLIP
}
