package org.talkfx.shot;

/** Source frames {@code [start, end)} that keep their original pixels ("no lip-sync here"). */
public record FrameRange(Long start, Long end) {
}
