package org.talkfx.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * FFmpeg quietly plays a WAV whose data chunk is cut short (an interrupted recording or copy) and estimates its
 * duration from the bytes present, so the shortfall is invisible through its API; the RIFF header still says how many
 * bytes were written. This reads it.
 */
final class WavTruncation {
    private WavTruncation() {
    }

    /** Declared minus present data bytes of a RIFF/WAVE file; 0 when complete, not a WAV or size unknown. */
    static long missingBytes(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(head, 0) < 12 || !tag(head, 0, "RIFF") || !tag(head, 8, "WAVE")) {
                return 0;
            }
            long pos = 12;
            ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (pos + 8 <= ch.size()) {
                chunk.clear();
                ch.read(chunk, pos);
                long size = chunk.getInt(4) & 0xffffffffL;
                if (tag(chunk, 0, "data")) {
                    // 0 and 0xffffffff mark streamed WAVs whose writer never knew the size.
                    if (size == 0 || size == 0xffffffffL) {
                        return 0;
                    }
                    return Math.max(0, size - (ch.size() - pos - 8));
                }
                pos += 8 + size + (size & 1);
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean tag(ByteBuffer b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (b.get(at + i) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
