package org.talkfx.inference.dit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.Weights;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DitConfigTest {
    @TempDir
    Path tmp;

    /**
     * A bf16 file with the real names and shapes of Wan2.1-I2V-14B + the InfiniteTalk adapter (28 GB of tensor
     * data, written sparse: only the header is on disk). Detection reads shapes only.
     */
    @Test
    void detectsThe14bArchitectureFromAFullSizeHeader() throws IOException {
        Path file = tmp.resolve("wan14b.safetensors");
        long dataBytes = writeSparse(file, DitRandomWeights.shapes(DitConfig.wan14b()));
        assertThat(dataBytes).isGreaterThan(28_000_000_000L);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(DitConfig.detect(Weights.of(f))).isEqualTo(DitConfig.wan14b());
        }
    }

    @Test
    void adapterHasTheDocumented330KeysAnd2point487BillionParameters() {
        long keys = 0;
        long params = 0;
        for (Map.Entry<String, long[]> e : DitRandomWeights.shapes(DitConfig.wan14b()).entrySet()) {
            if (e.getKey().startsWith("audio_proj.") || e.getKey().contains(".audio_cross_attn.")
                    || e.getKey().contains(".norm_x.")) {
                keys++;
                long n = 1;
                for (long d : e.getValue()) {
                    n *= d;
                }
                params += n;
            }
        }
        assertThat(keys).isEqualTo(330);
        assertThat(params / 1e9).isBetween(2.486, 2.488);
    }

    @Test
    void headsFollowTheReleasedModelsAndTheFixture() {
        assertThat(DitConfig.defaultHeads(5120)).isEqualTo(40);
        assertThat(DitConfig.defaultHeads(1536)).isEqualTo(12);
        assertThat(DitConfig.defaultHeads(64)).isEqualTo(4);
        assertThat(DitConfig.fixture().withHeads(8).heads()).isEqualTo(8);
    }

    private static long writeSparse(Path file, Map<String, long[]> shapes) throws IOException {
        ObjectNode header = new ObjectMapper().createObjectNode();
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = 2;
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "BF16");
            var shape = t.putArray("shape");
            for (long d : e.getValue()) {
                shape.add(d);
                n *= d;
            }
            t.putArray("data_offsets").add(offset).add(offset + n);
            offset += n;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(file, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        Files.write(file, json, java.nio.file.StandardOpenOption.APPEND);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8 + json.length + offset);
        }
        return offset;
    }
}
