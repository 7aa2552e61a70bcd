package org.talkfx.shot;

/**
 * The picture to regenerate: a media file (used when the host gives no temporal access, and always outside a
 * host), the frames to use ({@code in_frame} inclusive, {@code out_frame} exclusive, null = to the end), and the
 * frame rate to assume when neither host nor file says ({@code fps_fallback}).
 */
public record Source(String media, Long inFrame, Long outFrame, Double fpsFallback) {
    public Source {
        if (inFrame == null) {
            inFrame = 0L;
        }
    }
}
