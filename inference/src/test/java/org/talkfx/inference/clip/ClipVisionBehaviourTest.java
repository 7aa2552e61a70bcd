package org.talkfx.inference.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CLIP on random tiny weights written and read back through the real loader. */
class ClipVisionBehaviourTest {
    @TempDir
    Path dir;

    @Test
    void randomWeightsUseTheCheckpointNamesAndShapes() {
        Map<String, TensorData> random = ClipVision.randomWeights(ClipVisionConfig.tiny(), 1);
        try (SafetensorsFile fixture = SafetensorsFile.open(SharedFixtures.parity("clip"))) {
            random.forEach((key, t) -> assertThat(fixture.info("weight." + key).shape()).as(key)
                    .containsExactly(t.shape()));
            // the official tower also stores head and post_norm, which Wan's path never reads
            assertThat(fixture.tensors().keySet().stream().filter(k -> k.startsWith("weight."))
                    .map(k -> k.substring(7)).filter(k -> !random.containsKey(k)))
                    .containsExactlyInAnyOrder("visual.head", "visual.post_norm.weight", "visual.post_norm.bias");
        }
    }

    @Test
    void roundTripsThroughTheLoaderAndEncodesAnyAspect() {
        RuntimeSetup.apply();
        ClipVisionConfig config = new ClipVisionConfig(112, 14, 48, 6, 2, 96);
        Path path = dir.resolve("clip.safetensors");
        SafetensorsWriter.write(path, ClipVision.randomWeights(config, 5), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(path); NDManager m = Engines.pytorch().newBaseManager();
             ClipVision clip = ClipVision.load(m, Weights.of(f))) {
            assertThat(clip.config()).isEqualTo(config);
            int before = m.getManagedArrays().size();
            NDArray image = m.randomUniform(-1, 1, new Shape(3, 48, 80));
            NDArray features = clip.encode(m, image);
            assertThat(features.getShape()).isEqualTo(new Shape(1, 65, 48));
            assertThat(m.getManagedArrays()).hasSize(before + 2);
            // the class token sees every patch: changing one corner of the image changes it
            NDArray other = image.duplicate();
            other.set(new ai.djl.ndarray.index.NDIndex(":, 0:8, 0:8"), 1f);
            float clsChange = clip.encode(m, other).get(0, 0).sub(features.get(0, 0)).abs().max().getFloat();
            assertThat(clsChange).isGreaterThan(1e-4f);
        }
    }

    @Test
    void rejectsAForeignCheckpoint() {
        Path other = dir.resolve("other.safetensors");
        SafetensorsWriter.write(other, Map.of("x", TensorData.f32(new long[]{1}, new float[]{1})), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(other); NDManager m = Engines.pytorch().newBaseManager()) {
            assertThatThrownBy(() -> ClipVision.load(m, Weights.of(f)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("not a CLIP visual checkpoint");
        }
    }
}
