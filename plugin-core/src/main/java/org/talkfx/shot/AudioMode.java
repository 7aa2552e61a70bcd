package org.talkfx.shot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How several speakers' audio combine (InfiniteTalk's {@code audio_type}). */
public enum AudioMode {
    /** All speakers on their own timeline offsets, possibly talking at once. */
    @JsonProperty("para") PARA,
    /** Speakers take turns: each starts when the previous one ends. */
    @JsonProperty("add") ADD
}
