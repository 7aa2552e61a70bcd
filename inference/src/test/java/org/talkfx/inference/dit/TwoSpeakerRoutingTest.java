package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;
import org.talkfx.inference.weights.Weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two speakers through the whole model: speaker 1's audio must drive the region its mask covers, and swapping the
 * masks must swap the regions. Random weights route nothing in particular, so the test gives the tiny model the two
 * properties a trained one has: self-attention keys equal its queries (a token attends to tokens that look like it,
 * so the reference map finds the region), and audio queries/keys that are constant vectors on one rotary frequency
 * (0.1 rad per position), so attention follows label-position distance alone.
 */
class TwoSpeakerRoutingTest {
    private static final int FRAMES = 3;
    private static final int H = 8;
    private static final int W = 8;

    @TempDir
    Path tmp;

    @Test
    void eachSpeakersAudioDrivesItsMaskedRegionAndSwappedMasksSwapTheRegions() {
        DitConfig c = DitConfig.tiny();
        Path file = tmp.resolve("routing.safetensors");
        SafetensorsWriter.write(file, routingWeights(c), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file);
             InfiniteTalkDit dit = new InfiniteTalkDit(Weights.of(f), c, AttentionBackend.chunked(1 << 16));
             NDManager m = Engines.pytorch().newBaseManager()) {
            Random r = new Random(4);
            NDArray x = regions(m, r, c.outDim());
            NDArray y = regions(m, r, c.inDim() - c.outDim()).expandDims(0);
            NDArray context = DitTestModels.normal(m, r, 10, c.textDim());
            NDArray clip = DitTestModels.normal(m, r, 1, DitConfig.CLIP_TOKENS, c.clipDim());
            NDArray audio = DitTestModels.normal(m, r, 2, c.videoFrames(FRAMES), c.audioWindow(), c.audioWidth());
            NDArray changed = audio.duplicate();
            changed.set(new ai.djl.ndarray.index.NDIndex("0"),
                    DitTestModels.normal(m, r, c.videoFrames(FRAMES), c.audioWindow(), c.audioWidth()));

            // left = latent columns 0-3, middle 4-5 (background), right 6-7
            NDArray leftFirst = masks(m, 0, 4, 6, 8);
            NDArray rightFirst = masks(m, 6, 8, 0, 4);

            List<float[]> maps = new ArrayList<>();
            float[] base = dit.forward(m, new DitInput(x, 600f, context, clip, y, audio, leftFirst),
                    (name, v) -> {
                        if (name.endsWith("x_ref_attn_map")) {
                            maps.add(v.toFloatArray());
                        }
                    }).toFloatArray();
            float[] moved = dit.forward(m, new DitInput(x, 600f, context, clip, y, changed, leftFirst))
                    .toFloatArray();
            double left = meanAbsDiff(base, moved, 0, 4);
            double right = meanAbsDiff(base, moved, 6, 8);
            assertThat(left).as("speaker 1 audio -> left region").isGreaterThan(0.05);
            assertThat(right).as("speaker 1 audio leaks to speaker 2's region").isLessThan(left / 20);

            float[] swappedBase = dit.forward(m, new DitInput(x, 600f, context, clip, y, audio, rightFirst))
                    .toFloatArray();
            float[] swappedMoved = dit.forward(m, new DitInput(x, 600f, context, clip, y, changed, rightFirst))
                    .toFloatArray();
            double swappedLeft = meanAbsDiff(swappedBase, swappedMoved, 0, 4);
            double swappedRight = meanAbsDiff(swappedBase, swappedMoved, 6, 8);
            assertThat(swappedRight).as("speaker 1 audio -> right region").isGreaterThan(0.05);
            assertThat(swappedLeft).isLessThan(swappedRight / 20);

            // the per-block reference map found the regions: token column 0-1 -> speaker 1, 2 -> background, 3 -> 2
            assertThat(maps).hasSize(c.layers());
            for (float[] map : maps) {
                int tokens = map.length / 3;
                int agree = 0;
                for (int t = 0; t < tokens; t++) {
                    int col = t % (W / 2);
                    int expected = col <= 1 ? 0 : col == 2 ? 2 : 1;
                    int best = 0;
                    for (int k = 1; k < 3; k++) {
                        if (map[k * tokens + t] > map[best * tokens + t]) {
                            best = k;
                        }
                    }
                    agree += best == expected ? 1 : 0;
                }
                assertThat(agree).isGreaterThanOrEqualTo(tokens * 9 / 10);
            }
        }
    }

    /** Random weights with self-attention k = q and audio q/k constant on rotary pair 2 of every head. */
    private static Map<String, TensorData> routingWeights(DitConfig c) {
        Map<String, TensorData> w = DitRandomWeights.randomWeights(c, 21);
        int d = c.dim();
        float[] pair = new float[d];
        for (int h = 0; h < c.heads(); h++) {
            pair[h * c.headDim() + 4] = 6f; // pair 2: frequency 10000^(-4/16) = 0.1 rad per label position
        }
        for (int i = 0; i < c.layers(); i++) {
            String b = "blocks." + i + ".";
            w.put(b + "self_attn.k.weight", w.get(b + "self_attn.q.weight"));
            w.put(b + "self_attn.k.bias", w.get(b + "self_attn.q.bias"));
            float[] sharp = new float[d];
            java.util.Arrays.fill(sharp, 3f);
            w.put(b + "self_attn.norm_q.weight", TensorData.f32(new long[]{d}, sharp));
            w.put(b + "self_attn.norm_k.weight", TensorData.f32(new long[]{d}, sharp));
            w.put(b + "audio_cross_attn.q_linear.weight", TensorData.f32(new long[]{d, d}, new float[d * d]));
            w.put(b + "audio_cross_attn.q_linear.bias", TensorData.f32(new long[]{d}, pair));
            String kv = b + "audio_cross_attn.kv_linear.";
            float[] kvWeight = DitTestModels.floats(w.get(kv + "weight"));
            java.util.Arrays.fill(kvWeight, 0, d * c.audioOutDim(), 0f); // key rows: constant
            w.put(kv + "weight", TensorData.f32(new long[]{2L * d, c.audioOutDim()}, kvWeight));
            float[] kvBias = DitTestModels.floats(w.get(kv + "bias"));
            System.arraycopy(pair, 0, kvBias, 0, d);
            w.put(kv + "bias", TensorData.f32(new long[]{2L * d}, kvBias));
        }
        return w;
    }

    /** [channels, FRAMES, H, W] with one random vector per region (columns 0-3, 4-5, 6-7) plus a little noise. */
    private static NDArray regions(NDManager m, Random r, int channels) {
        float[][] pattern = new float[3][channels];
        for (float[] p : pattern) {
            for (int ch = 0; ch < channels; ch++) {
                p[ch] = (float) r.nextGaussian();
            }
        }
        float[] v = new float[channels * FRAMES * H * W];
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < FRAMES * H * W; i++) {
                int col = i % W;
                int region = col < 4 ? 0 : col < 6 ? 1 : 2;
                v[ch * FRAMES * H * W + i] = pattern[region][ch] + 0.1f * (float) r.nextGaussian();
            }
        }
        return m.create(v, new Shape(channels, FRAMES, H, W));
    }

    /** [speaker 1, speaker 2, background] masks over latent columns; background = the columns in between. */
    private static NDArray masks(NDManager m, int s1From, int s1To, int s2From, int s2To) {
        float[] v = new float[3 * H * W];
        for (int i = 0; i < H; i++) {
            for (int j = 0; j < W; j++) {
                boolean s1 = j >= s1From && j < s1To;
                boolean s2 = j >= s2From && j < s2To;
                v[i * W + j] = s1 ? 1 : 0;
                v[H * W + i * W + j] = s2 ? 1 : 0;
                v[2 * H * W + i * W + j] = !s1 && !s2 ? 1 : 0;
            }
        }
        return m.create(v, new Shape(3, H, W));
    }

    private static double meanAbsDiff(float[] a, float[] b, int fromCol, int toCol) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            int col = i % W;
            if (col >= fromCol && col < toCol) {
                sum += Math.abs(a[i] - b[i]);
                n++;
            }
        }
        return sum / n;
    }
}
