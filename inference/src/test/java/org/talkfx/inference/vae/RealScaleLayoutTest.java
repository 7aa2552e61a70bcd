package org.talkfx.inference.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.clip.ClipVision;
import org.talkfx.inference.clip.ClipVisionConfig;
import org.talkfx.inference.weights.Weights;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real-size layouts, without the real files: detection from shapes alone (no tensor is read) and parameter
 * counts that match the published checkpoints (Wan2_1_VAE_fp32.safetensors 508 MB = 127M float32 values;
 * the ViT-H/14 visual tower ~632M parameters).
 */
class RealScaleLayoutTest {
    @Test
    void realVaeLayoutIsDetectedAndHasTheCheckpointSize() {
        Map<String, long[]> shapes = WanVae.parameterShapes(WanVaeConfig.wan21());
        assertThat(WanVaeConfig.detect(shapesOnly(shapes))).isEqualTo(WanVaeConfig.wan21());
        assertThat(count(shapes)).isBetween(126_000_000L, 127_500_000L);
    }

    @Test
    void realClipLayoutIsDetectedAndHasTheTowerSize() {
        Map<String, long[]> shapes = ClipVision.parameterShapes(ClipVisionConfig.vitH14());
        assertThat(ClipVisionConfig.detect(shapesOnly(shapes))).isEqualTo(ClipVisionConfig.vitH14());
        assertThat(count(shapes)).isBetween(625_000_000L, 635_000_000L);
    }

    private static long count(Map<String, long[]> shapes) {
        long n = 0;
        for (long[] s : shapes.values()) {
            long p = 1;
            for (long d : s) {
                p *= d;
            }
            n += p;
        }
        System.out.println("parameters: " + n);
        return n;
    }

    private static Weights shapesOnly(Map<String, long[]> shapes) {
        return new Weights() {
            @Override
            public NDArray get(NDManager manager, String key) {
                throw new AssertionError("detection must not read tensor data (" + key + ")");
            }

            @Override
            public boolean contains(String key) {
                return shapes.containsKey(key);
            }

            @Override
            public Set<String> keys() {
                return shapes.keySet();
            }

            @Override
            public Path source() {
                return Path.of("real-layout.safetensors");
            }

            @Override
            public long[] shape(String key) {
                return shapes.get(key).clone();
            }
        };
    }
}
