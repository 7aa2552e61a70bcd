package org.talkfx.service;

import org.talkfx.shot.Generation;
import org.talkfx.shot.Mode;
import org.talkfx.shot.Preset;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.Source;
import org.talkfx.shot.Speaker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Folders, media and a raw HTTP helper shared by the service tests. */
final class ServiceFixture {
    final Path media;
    final Path state;
    final Path cache;
    final Path gpuLock;
    final HttpClient http = HttpClient.newHttpClient();

    ServiceFixture(Path tmp) throws IOException {
        media = Files.createDirectories(tmp.resolve("media"));
        state = tmp.resolve("state");
        cache = tmp.resolve("cache");
        gpuLock = tmp.resolve("gpu.lock");
        TestMedia.ppm(media.resolve("shot1/face.ppm"), 8, 6);
        // 0.64 s at 25 fps = 16 frames = 4 windows of 4 frames.
        TestMedia.wav(media.resolve("shot1/anna.wav"), 0.64, 0.8, 220);
        TestMedia.wav(media.resolve("shot1/long.wav"), 1.6, 0.5, 330);
    }

    ServiceConfig config() {
        return ServiceConfig.local(state, List.of(media), cache, gpuLock);
    }

    /** A setup with relative paths (base_dir = media/shot1); the seed tells jobs apart. */
    static ShotSetup setup(long seed, int steps) {
        return setup("anna.wav", seed, steps);
    }

    static ShotSetup setup(String audio, long seed, int steps) {
        return ShotSetup.of(Mode.ANIMATE_IMAGE, new Source("face.ppm", null, null, 25.0),
                        List.of(new Speaker(audio, 0.0, 0.0, true, null)))
                .withGeneration(new Generation(Preset.DRAFT, steps, seed, null, null, null));
    }

    Path shotDir() {
        return media.resolve("shot1");
    }

    HttpResponse<String> send(int port, String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
