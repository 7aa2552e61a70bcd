package org.talkfx.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@link MediaProbe} found in a file: container, duration and streams. */
public record MediaInfo(Path file, String format, double durationSeconds, long bitRate, List<StreamInfo> streams) {
    public MediaInfo {
        streams = List.copyOf(streams);
    }

    /** The first video stream that is not a cover picture. */
    public Optional<StreamInfo> video() {
        return streams.stream().filter(StreamInfo::isVideo).findFirst();
    }

    public Optional<StreamInfo> audio() {
        return streams.stream().filter(StreamInfo::isAudio).findFirst();
    }
}
