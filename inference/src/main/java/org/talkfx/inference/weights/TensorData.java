package org.talkfx.inference.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A tensor held in Java memory, ready to be written: dtype, shape and little-endian bytes. */
public record TensorData(DType dtype, long[] shape, byte[] bytes) {
    public TensorData {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n * dtype.bytes() != bytes.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " " + dtype + " needs "
                    + n * dtype.bytes() + " bytes, got " + bytes.length);
        }
    }

    public static TensorData f32(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorData(DType.F32, shape, b.array());
    }

    public static TensorData f16(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(FloatConversions.floatToF16(v));
        }
        return new TensorData(DType.F16, shape, b.array());
    }

    /** bf16 by truncation with round-to-nearest-even, as torch's .to(bfloat16) does. */
    public static TensorData bf16(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            int bits = Float.floatToIntBits(v);
            int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
            b.putShort((short) (Float.isNaN(v) ? 0x7fc0 : rounded >>> 16));
        }
        return new TensorData(DType.BF16, shape, b.array());
    }

    /** float8 e4m3fn with round-to-nearest-even and saturation at +-448, as torch's .to(float8_e4m3fn) for finite inputs. */
    public static TensorData f8e4m3(long[] shape, float[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = FloatConversions.floatToE4M3(values[i]);
        }
        return new TensorData(DType.F8_E4M3, shape, b);
    }

    public static TensorData i64(long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new TensorData(DType.I64, shape, b.array());
    }
}
