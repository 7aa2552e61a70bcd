package org.talkfx.inference.face;

import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Checks a file against an npm Subresource-Integrity string such as {@code sha512-<base64>}. */
public final class NpmIntegrity {
    private NpmIntegrity() {
    }

    /** Throws BadInputException naming the file when its digest differs from {@code integrity}. */
    public static void verify(Path file, String integrity) throws IOException {
        String actual = of(file, algorithmOf(integrity));
        if (!actual.equals(integrity.strip())) {
            throw new BadInputException(file, "integrity check failed: expected " + integrity + " but the file has "
                    + actual + " (corrupted or tampered download; delete it and fetch again)");
        }
    }

    /** The integrity string of {@code file} with the given algorithm ({@code sha512}, {@code sha256}, ...). */
    public static String of(Path file, String algorithm) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm.toUpperCase().replace("SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported integrity algorithm " + algorithm, e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return algorithm + "-" + Base64.getEncoder().encodeToString(digest.digest());
    }

    private static String algorithmOf(String integrity) {
        int dash = integrity.indexOf('-');
        String algorithm = dash > 0 ? integrity.substring(0, dash) : "";
        if (!algorithm.equals("sha512") && !algorithm.equals("sha384") && !algorithm.equals("sha256")) {
            throw new IllegalArgumentException("not an npm integrity string (want sha512-...): " + integrity);
        }
        return algorithm;
    }
}
