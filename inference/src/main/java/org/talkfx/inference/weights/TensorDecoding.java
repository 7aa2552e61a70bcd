package org.talkfx.inference.weights;

import org.talkfx.common.BadInputException;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Turns raw little-endian tensor bytes into Java arrays. */
final class TensorDecoding {
    private TensorDecoding() {
    }

    static float[] toFloats(ByteBuffer b, DType dtype, int n) {
        float[] out = new float[n];
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = FloatConversions.f16ToFloat(b.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = FloatConversions.bf16ToFloat(b.getShort(i * 2));
                }
            }
            case F8_E4M3 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = FloatConversions.e4m3ToFloat(b.get(i));
                }
            }
            case F8_E5M2 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = FloatConversions.e5m2ToFloat(b.get(i));
                }
            }
            default -> throw new IllegalArgumentException(dtype + " is not a float type");
        }
        return out;
    }

    static long[] toLongs(ByteBuffer b, DType dtype, int n, Path path, String name) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case I64 -> b.getLong(i * 8);
                case I32 -> b.getInt(i * 4);
                case I16 -> b.getShort(i * 2);
                case I8, BOOL -> b.get(i);
                case U8 -> b.get(i) & 0xff;
                default -> throw new BadInputException(path, "tensor '" + name + "' is " + dtype + ", expected an integer type");
            };
        }
        return out;
    }
}
