package org.talkfx.engine;

import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of a model folder for cache keys, computed without loading anything (the effect computes it in the
 * host process): SHA-256 over every weight file's relative name, size and first 1 MiB (safetensors headers name
 * and place every tensor, so different weights give different headers or different leading bytes).
 */
public final class ModelIdentity {
    private static final int HEAD_BYTES = 1 << 20;

    private ModelIdentity() {
    }

    public static String of(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException(dir, "model folder not found");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("talkfx-model/1\n".getBytes(StandardCharsets.UTF_8));
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir, 4)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".safetensors")
                                || p.getFileName().toString().equals("tokenizer.json"))
                        .sorted().toList();
            }
            if (files.isEmpty()) {
                throw new BadInputException(dir, "model folder holds no .safetensors files");
            }
            byte[] buffer = new byte[HEAD_BYTES];
            for (Path f : files) {
                sha.update((dir.relativize(f) + "\n" + Files.size(f) + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(f)) {
                    int n = in.readNBytes(buffer, 0, HEAD_BYTES);
                    sha.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot read the model folder: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
