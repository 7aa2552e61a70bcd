package org.talkfx.media;

import org.talkfx.common.BadInputException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes audio-only files (wav, flac, mp3, m4a, ogg, opus, mkv, ...): the container comes from the file name and the
 * codec is the usual one for it unless given. Written to a temporary name and renamed when complete.
 */
public final class AudioFileWriter {
    private AudioFileWriter() {
    }

    public static void write(Path output, PcmAudio audio) {
        write(output, audio, defaultCodec(output));
    }

    public static void write(Path output, PcmAudio audio, String codecName) {
        MediaFiles.requireWritableTarget(output);
        Path temp = MediaFiles.temporarySibling(output);
        boolean done = false;
        try {
            writeTo(output, temp, audio, codecName, null);
            MediaFiles.commit(temp, output);
            done = true;
        } finally {
            if (!done) {
                MediaFiles.deleteQuietly(temp);
            }
        }
    }

    /** Writes {@code temp} directly (the caller commits it), with an explicit muxer or one guessed from {@code output}. */
    static void writeTo(Path output, Path temp, PcmAudio audio, String codecName, String formatName) {
        try (OutputMuxer muxer = new OutputMuxer(output, temp, formatName);
             AudioTrackEncoder track = new AudioTrackEncoder(muxer, codecName, audio, 0)) {
            muxer.writeHeader();
            track.finish();
            muxer.writeTrailer();
        }
    }

    static String defaultCodec(Path output) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "wav", "mov" -> "pcm_s16le";
            case "flac" -> "flac";
            case "mp3" -> "libmp3lame";
            case "m4a", "mp4", "aac" -> "aac";
            // FFmpeg's own Vorbis encoder is experimental; Opus is the better Ogg codec anyway.
            case "ogg", "oga", "opus", "webm", "mkv", "mka" -> "libopus";
            default -> throw new BadInputException(output, "unknown audio file type ." + ext);
        };
    }
}
