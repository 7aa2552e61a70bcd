package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.common.RuntimeSetup;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VAE on random tiny weights written and read back through the real loader: keys, causality, memory. */
class WanVaeBehaviourTest {
    private static final long SEED = 7;
    @TempDir
    static Path dir;
    private static NDManager manager;
    private static SafetensorsFile file;
    private static WanVae vae;

    @BeforeAll
    static void writeAndLoad() {
        RuntimeSetup.apply();
        manager = Engines.pytorch().newBaseManager();
        Path path = dir.resolve("vae.safetensors");
        SafetensorsWriter.write(path, WanVae.randomWeights(WanVaeConfig.tiny(), SEED), Map.of());
        file = SafetensorsFile.open(path);
        vae = WanVae.load(manager, Weights.of(file));
    }

    @AfterAll
    static void close() {
        vae.close();
        manager.close();
        file.close();
    }

    @Test
    void randomWeightsHaveTheRealKeysAndShapes() {
        Map<String, List<Long>> random = shapes(WanVae.randomWeights(WanVaeConfig.tiny(), SEED).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().shape())));
        try (SafetensorsFile fixture = SafetensorsFile.open(SharedFixtures.parity("vae"))) {
            Map<String, long[]> official = new LinkedHashMap<>();
            fixture.tensors().forEach((name, info) -> {
                if (name.startsWith("weight.")) {
                    official.put(name.substring("weight.".length()), info.shape());
                }
            });
            assertThat(random).isEqualTo(shapes(official));
        }
        assertThat(vae.config()).isEqualTo(WanVaeConfig.tiny());
    }

    @Test
    void encodeIsCausalOverChunks() {
        try (NDManager m = manager.newSubManager()) {
            NDArray video = video(m, 13, 16, 24);
            NDArray all = vae.encode(m, video);
            assertThat(all.getShape()).isEqualTo(new Shape(16, 4, 2, 3));
            // later chunks never change earlier latents: the cache only carries the past
            assertThat(maxDiff(vae.encode(m, video.get(":, 0:5")), all.get(":, 0:2"))).isLessThan(1e-5f);
            // trailing frames that do not fill a chunk of 4 are not encoded (official behaviour)
            assertThat(maxDiff(vae.encode(m, video.get(":, 0:12")), all.get(":, 0:3"))).isLessThan(1e-5f);
            // a change in the last chunk reaches only the last latent
            NDArray changed = video.duplicate();
            changed.set(new NDIndex(":, 12"), 0f);
            NDArray encodedChange = vae.encode(m, changed);
            assertThat(maxDiff(encodedChange.get(":, 0:3"), all.get(":, 0:3"))).isLessThan(1e-5f);
            assertThat(maxDiff(encodedChange.get(":, 3"), all.get(":, 3"))).isGreaterThan(1e-4f);
            // and the cache carries the first frame into the next chunk's latent
            NDArray firstChanged = video.duplicate();
            firstChanged.set(new NDIndex(":, 0"), 0f);
            NDArray encodedFirst = vae.encode(m, firstChanged.get(":, 0:5"));
            assertThat(maxDiff(encodedFirst.get(":, 1"), all.get(":, 1"))).isGreaterThan(1e-4f);
        }
    }

    @Test
    void decodeIsCausalAndClamped() {
        try (NDManager m = manager.newSubManager()) {
            NDArray latents = m.randomNormal(new Shape(16, 4, 3, 2)).mul(3f);
            NDArray all = vae.decode(m, latents);
            assertThat(all.getShape()).isEqualTo(new Shape(3, 13, 24, 16));
            assertThat(all.abs().max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(maxDiff(vae.decode(m, latents.get(":, 0:2")), all.get(":, 0:5"))).isLessThan(1e-5f);
            assertThat(maxDiff(vae.decode(m, latents.get(":, 0:1")), all.get(":, 0:1"))).isLessThan(1e-5f);
        }
    }

    @Test
    void leavesNoTensorsBehind() {
        int before = manager.getManagedArrays().size();
        try (NDManager m = manager.newSubManager()) {
            NDArray video = video(m, 9, 16, 16);
            int inCall = m.getManagedArrays().size();
            NDArray latents = vae.encode(m, video);
            assertThat(m.getManagedArrays()).hasSize(inCall + 1);
            vae.decode(m, latents);
            assertThat(m.getManagedArrays()).hasSize(inCall + 2);
        }
        assertThat(manager.getManagedArrays()).hasSize(before);
    }

    @Test
    void frameCacheHoldsOnlyBoundaryFramesBetweenChunks() {
        try (NDManager params = manager.newSubManager(); NDManager call = manager.newSubManager()) {
            Weights w = Weights.of(file);
            ParamSource source = (key, shape) -> w.get(params, key);
            Encoder3d encoder = new Encoder3d(source, WanVaeConfig.tiny());
            Decoder3d decoder = new Decoder3d(source, WanVaeConfig.tiny());
            NDArray video = video(call, 13, 16, 16).expandDims(0);
            int[] encodeLive = liveArraysAfterChunks(call, encoder.slotCount(), 4, (i, cache, step) -> {
                NDArray chunk = video.get(":, :, {}:{}", i == 0 ? 0 : 4 * i - 3, 4 * i + 1);
                chunk.attach(step);
                return encoder.forward(chunk, cache);
            });
            NDArray latent = call.randomNormal(new Shape(1, 16, 1, 2, 2));
            int[] decodeLive = liveArraysAfterChunks(call, decoder.slotCount(), 4, (i, cache, step) -> {
                NDArray copy = latent.duplicate();
                copy.attach(step);
                return decoder.forward(copy, cache);
            });
            // from the second chunk on every slot holds exactly one entry; nothing else accumulates
            assertThat(encodeLive[1]).isEqualTo(encodeLive[3]);
            assertThat(decodeLive[1]).isEqualTo(decodeLive[3]);
        }
    }

    private interface Chunk {
        NDArray run(int index, FeatureCache cache, NDManager step);
    }

    /** Runs chunks as WanVae does and returns the caller-visible live arrays after each (inputs + cache). */
    private static int[] liveArraysAfterChunks(NDManager call, int slots, int chunks, Chunk chunk) {
        try (NDManager cacheManager = call.newSubManager()) {
            FeatureCache cache = new FeatureCache(cacheManager, slots);
            int[] live = new int[chunks];
            for (int i = 0; i < chunks; i++) {
                try (NDManager step = call.newSubManager()) {
                    NDArray out = chunk.run(i, cache, step);
                    assertThat(out.getManager()).isSameAs(step);
                }
                live[i] = call.getManagedArrays().size();
            }
            return live;
        }
    }

    @Test
    void halfPrecisionCheckpointGivesTheSameNetwork() {
        Path half = dir.resolve("vae-f16.safetensors");
        Map<String, TensorData> f16 = new LinkedHashMap<>();
        try (SafetensorsFile f32 = SafetensorsFile.open(file.path())) {
            f32.tensors().keySet().forEach(k -> f16.put(k, TensorData.f16(f32.info(k).shape(), f32.floats(k))));
        }
        SafetensorsWriter.write(half, f16, Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(half); NDManager m = manager.newSubManager();
             WanVae halfVae = WanVae.load(m, Weights.of(f))) {
            NDArray video = video(m, 5, 16, 16);
            NDArray a = halfVae.encode(m, video);
            NDArray b = vae.encode(m, video);
            assertThat(maxDiff(a, b)).isGreaterThan(0f).isLessThan(0.05f * b.abs().max().getFloat());
        }
    }

    @Test
    void halfPrecisionComputeStaysCloseAndKeepsFloat32AtTheInterface() {
        try (NDManager m = manager.newSubManager();
             SafetensorsFile f = SafetensorsFile.open(file.path());
             WanVae half = WanVae.load(m, Weights.of(f), ai.djl.ndarray.types.DataType.FLOAT16)) {
            NDArray video = video(m, 5, 16, 16);
            NDArray a = half.encode(m, video);
            NDArray b = vae.encode(m, video);
            assertThat(a.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
            assertThat(maxDiff(a, b)).isGreaterThan(0f).isLessThan(0.05f * b.abs().max().getFloat());
            NDArray frames = half.decode(m, b);
            NDArray reference = vae.decode(m, b);
            assertThat(frames.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
            assertThat(maxDiff(frames, reference)).isGreaterThan(0f).isLessThan(0.05f);
        }
    }

    @Test
    void rejectsMisshapenInput() {
        try (NDManager m = manager.newSubManager()) {
            assertThatThrownBy(() -> vae.encode(m, m.zeros(new Shape(3, 5, 12, 16))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiples of 8");
            assertThatThrownBy(() -> vae.encode(m, m.zeros(new Shape(3, 0, 16, 16))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> vae.decode(m, m.zeros(new Shape(4, 1, 2, 2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[16, t >= 1, h, w]");
        }
    }

    @Test
    void rejectsAForeignCheckpoint() {
        Path other = dir.resolve("other.safetensors");
        SafetensorsWriter.write(other, Map.of("x", TensorData.f32(new long[]{1}, new float[]{1})), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(other)) {
            assertThatThrownBy(() -> WanVae.load(manager, Weights.of(f)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("not a Wan VAE");
        }
    }

    private static NDArray video(NDManager m, int frames, int h, int w) {
        // smooth moving pattern in [-1, 1]
        NDArray t = m.arange(frames).reshape(1, frames, 1, 1).toType(DataType.FLOAT32, false);
        NDArray y = m.arange(h).reshape(1, 1, h, 1).toType(DataType.FLOAT32, false);
        NDArray x = m.arange(w).reshape(1, 1, 1, w).toType(DataType.FLOAT32, false);
        NDArray c = m.create(new float[]{0.3f, 0.7f, 1.1f}).reshape(3, 1, 1, 1);
        return x.mul(0.31f).add(y.mul(0.17f)).add(t.mul(0.5f)).add(c).sin().mul(0.9f)
                .broadcast(3, frames, h, w).duplicate();
    }

    private static float maxDiff(NDArray a, NDArray b) {
        assertThat(a.getShape()).isEqualTo(b.getShape());
        return a.sub(b).abs().max().getFloat();
    }

    private static Map<String, List<Long>> shapes(Map<String, long[]> m) {
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> java.util.Arrays.stream(e.getValue()).boxed().toList()));
    }
}
