package org.talkfx.shot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Dub an existing video (re-animate mouths and heads) or animate a single still image. */
public enum Mode {
    @JsonProperty("dub_video") DUB_VIDEO,
    @JsonProperty("animate_image") ANIMATE_IMAGE
}
