package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.FloatConversions;
import org.talkfx.inference.weights.TensorData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Random tiny DiT checkpoints in other storage dtypes, and random inputs, for tests. */
final class DitTestModels {
    private DitTestModels() {
    }

    static float[] floats(TensorData t) {
        if (t.dtype() != DType.F32) {
            throw new IllegalArgumentException(t.dtype().name());
        }
        float[] v = new float[t.bytes().length / 4];
        ByteBuffer.wrap(t.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static Map<String, TensorData> toF16(Map<String, TensorData> f32) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        f32.forEach((k, t) -> out.put(k, TensorData.f16(t.shape(), floats(t))));
        return out;
    }

    /** float8 e4m3fn, round to nearest representable value (as torch's .to(float8_e4m3fn) for in-range values). */
    static Map<String, TensorData> toE4m3(Map<String, TensorData> f32) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        f32.forEach((k, t) -> {
            float[] v = floats(t);
            byte[] b = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = e4m3(v[i]);
            }
            out.put(k, new TensorData(DType.F8_E4M3, t.shape(), b));
        });
        return out;
    }

    private static final float[] E4M3_POSITIVE = new float[127]; // codes 0x00..0x7e (0x7f is NaN)

    static {
        for (int i = 0; i < E4M3_POSITIVE.length; i++) {
            E4M3_POSITIVE[i] = FloatConversions.e4m3ToFloat((byte) i);
        }
    }

    static byte e4m3(float f) {
        float a = Math.min(Math.abs(f), E4M3_POSITIVE[126]);
        int idx = Arrays.binarySearch(E4M3_POSITIVE, a);
        if (idx < 0) {
            int hi = -idx - 1;
            idx = hi > 0 && a - E4M3_POSITIVE[hi - 1] <= E4M3_POSITIVE[hi] - a ? hi - 1 : hi;
        }
        return (byte) (f < 0 ? idx | 0x80 : idx);
    }

    /** A random call for {@code c}: latent [16, frames, h, w], audio of {@code speakers}, all-ones masks. */
    static DitInput randomInput(NDManager m, DitConfig c, int frames, int h, int w, int speakers, long seed) {
        Random r = new Random(seed);
        int channels = c.outDim();
        NDArray x = normal(m, r, channels, frames, h, w);
        NDArray y = normal(m, r, 1, c.inDim() - channels, frames, h, w);
        NDArray context = normal(m, r, Math.max(1, c.textLen() - 5), c.textDim());
        NDArray clip = normal(m, r, 1, DitConfig.CLIP_TOKENS, c.clipDim());
        NDArray audio = normal(m, r, speakers, c.videoFrames(frames), c.audioWindow(), c.audioWidth());
        NDArray masks = m.ones(new Shape(speakers + 1, h, w));
        return new DitInput(x, 700f, context, clip, y, audio, masks);
    }

    static NDArray normal(NDManager m, Random r, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, s);
    }
}
