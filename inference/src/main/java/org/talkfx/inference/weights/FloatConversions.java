package org.talkfx.inference.weights;

/** Widening of the compact float formats to float32, bit-exact (DJL 0.36 cannot hold bf16 or fp8). */
public final class FloatConversions {
    private FloatConversions() {
    }

    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    public static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** float8 e4m3fn (PyTorch's float8_e4m3fn): bias 7, no infinities, S.1111.111 is NaN. */
    public static float e4m3ToFloat(byte bits) {
        int b = bits & 0xff;
        int sign = (b & 0x80) != 0 ? -1 : 1;
        int exp = (b >>> 3) & 0xf;
        int mant = b & 0x7;
        if (exp == 0xf && mant == 0x7) {
            return Float.NaN;
        }
        float v = exp == 0 ? mant / 8f * 0x1p-6f : (1 + mant / 8f) * (float) Math.pow(2, exp - 7);
        return sign * v;
    }

    /** float8 e5m2: bias 15, IEEE-like with infinities and NaN. */
    public static float e5m2ToFloat(byte bits) {
        return f16ToFloat((short) ((bits & 0xff) << 8));
    }

    public static short floatToF16(float f) {
        int x = Float.floatToIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int exp = ((x >>> 23) & 0xff) - 127 + 15;
        int mant = x & 0x7fffff;
        if (((x >>> 23) & 0xff) == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        if (exp >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (exp <= 0) {
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = sign | (exp << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++;
        }
        return (short) half;
    }

    /** Nearest e4m3fn value (ties to even), saturating at +-448; NaN stays NaN. */
    public static byte floatToE4M3(float f) {
        if (Float.isNaN(f)) {
            return (byte) 0x7f;
        }
        int sign = f < 0 || (f == 0 && 1 / f < 0) ? 0x80 : 0;
        float a = Math.min(Math.abs(f), 448f);
        int best = 0;
        float bestErr = Float.MAX_VALUE;
        // 127 candidates: a linear scan is simpler than bit tricks and only used for writing test weights
        for (int code = 0; code <= 0x7e; code++) {
            float err = Math.abs(e4m3ToFloat((byte) code) - a);
            if (err < bestErr || (err == bestErr && (code & 1) == 0)) {
                best = code;
                bestErr = err;
            }
        }
        return (byte) (sign | best);
    }
}
