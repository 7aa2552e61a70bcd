package org.talkfx.inference.face;

import org.talkfx.common.BadInputException;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads one regular file out of a gzip-compressed ustar archive (the npm tarball format). */
final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** The bytes of {@code entry}; BadInputException when the archive is damaged or lacks it. */
    static byte[] read(Path archive, String entry) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            while (true) {
                in.readFully(header);
                if (isZero(header)) {
                    break;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                if (name.equals(entry) && (type == '0' || type == 0)) {
                    if (size > Integer.MAX_VALUE - 8) {
                        throw new BadInputException(archive, entry + " is too large (" + size + " bytes)");
                    }
                    byte[] data = new byte[(int) size];
                    in.readFully(data);
                    return data;
                }
                skip(in, (size + BLOCK - 1) / BLOCK * BLOCK);
            }
        } catch (EOFException | java.util.zip.ZipException | NumberFormatException e) {
            throw new BadInputException(archive, "damaged tar.gz archive: " + e.getMessage(), e);
        }
        throw new BadInputException(archive, "has no entry " + entry);
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("archive ends inside an entry");
                }
                n = 1;
            }
            left -= n;
        }
    }

    private static String text(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
