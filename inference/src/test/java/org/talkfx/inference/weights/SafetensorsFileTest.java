package org.talkfx.inference.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.engine.Engines;
import org.talkfx.testing.SharedFixtures;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsParityFixtureHeaderAndTensors() {
        try (SafetensorsFile f = SafetensorsFile.open(SharedFixtures.parity("t5"));
             NDManager m = Engines.pytorch().newBaseManager()) {
            assertThat(f.metadata()).containsEntry("case", "t5");
            TensorInfo ids = f.info("input.ids");
            assertThat(ids.dtype()).isEqualTo(DType.I64);
            assertThat(ids.shape()).containsExactly(1, 24);
            long[] idValues = f.longs("input.ids");
            assertThat(idValues).hasSize(24);
            assertThat(idValues[23]).isZero(); // padded with 0 per the fixture README
            NDArray context = f.load(m, "expected.context");
            assertThat(context.getShape().getShape()).containsExactly(20, 32);
            assertThat(context.toFloatArray()).containsExactly(f.floats("expected.context"));
        }
    }

    @Test
    void widensCompactFloats() {
        assertThat(FloatConversions.bf16ToFloat((short) 0x3f80)).isEqualTo(1f);
        assertThat(FloatConversions.f16ToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(FloatConversions.f16ToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(FloatConversions.f16ToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(FloatConversions.f16ToFloat(FloatConversions.floatToF16(0x1p-24f * 168))).isEqualTo(0x1p-24f * 168);
        assertThat(FloatConversions.e4m3ToFloat((byte) 0x7e)).isEqualTo(448f);
        assertThat(FloatConversions.e4m3ToFloat((byte) 0x38)).isEqualTo(1f);
        assertThat(FloatConversions.e4m3ToFloat((byte) 0x7f)).isNaN();
        assertThat(FloatConversions.e5m2ToFloat((byte) 0x3c)).isEqualTo(1f);
        for (float v : new float[]{0f, 1f, -3.5f, 65504f, 1e-3f, 0.1f}) {
            assertThat(FloatConversions.f16ToFloat(FloatConversions.floatToF16(v))).isCloseTo(v, org.assertj.core.data.Percentage.withPercentage(0.1));
        }
    }

    @Test
    void refusesHostileHeadersBeforeAllocating() throws IOException {
        assertRefused(bytes(new byte[]{1, 2, 3}), "too short");
        assertRefused(withHeaderLength(Long.MAX_VALUE, "{}"), "invalid header length");
        assertRefused(withHeaderLength(-1, "{}"), "invalid header length");
        assertRefused(file("not json"), "not valid JSON");
        assertRefused(file("{\"a\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "unsupported dtype Q9");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000000,1000000000,1000000000],\"data_offsets\":[0,4]}}", 4), "absurd shape");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4), "outside");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "holds 4");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlap");
        Path dir = Files.createDirectory(tmp.resolve("dir.safetensors"));
        assertThatThrownBy(() -> SafetensorsFile.open(dir)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> SafetensorsFile.open(tmp.resolve("missing.safetensors")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("missing.safetensors: file not found");
    }

    private void assertRefused(Path file, String problem) {
        assertThatThrownBy(() -> SafetensorsFile.open(file).close())
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(problem);
    }

    private int counter;

    private Path bytes(byte[] content) throws IOException {
        return Files.write(tmp.resolve("f" + counter++ + ".safetensors"), content);
    }

    private Path withHeaderLength(long length, String header) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(length).put(h);
        return bytes(b.array());
    }

    private Path file(String header) throws IOException {
        return file(header, 0);
    }

    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h);
        return bytes(b.array());
    }
}
