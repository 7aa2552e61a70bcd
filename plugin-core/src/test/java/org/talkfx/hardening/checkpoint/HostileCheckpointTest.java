package org.talkfx.hardening.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.hardening.HardeningReport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile checkpoints, read in a JVM with a 48 MB heap: every one is refused with a message (or, where the format
 * allows it, read correctly) and none makes the reader allocate what its header declares. Sparse files make the
 * 2^40-element tensors real without using disk.
 */
class HostileCheckpointTest {
    @RegisterExtension
    static final HardeningReport REPORT = new HardeningReport("Hostile checkpoints (forked JVM, -Xmx48m)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Map<String, String> outcomes;

    @BeforeAll
    static void probeAll() throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(rawLength("header-length-2^63.safetensors", Long.MIN_VALUE, 64));
        files.add(rawLength("header-length-2^64-1.safetensors", -1L, 64));
        files.add(rawLength("header-length-beyond-file.safetensors", 1L << 20, 64));
        files.add(rawLength("header-length-over-100MB.safetensors", (100L << 20) + 1, 0));
        files.add(write("declared-beyond-file.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1024],\"data_offsets\":[0,4096]}}", 16, 0));
        files.add(write("overlapping-ranges.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24, 0));
        files.add(write("unknown-dtype.safetensors", "{\"w\":{\"dtype\":\"Q4_K\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4, 0));
        files.add(write("absurd-shape-overflow.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,8],\"data_offsets\":[0,4]}}", 4, 0));
        files.add(write("negative-dimension.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, 0));
        files.add(write("shape-size-mismatch.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1099511627776],\"data_offsets\":[0,4]}}", 4, 0));
        files.add(write("offsets-2^63.safetensors", "{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[9223372036854775807,9223372036854775808]}}", 4, 0));
        // 2^40 one-byte elements that really are in the (sparse) file: valid, but too big to read into an array
        files.add(write("2^40-elements-f8.safetensors", "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[1048576,1048576],\"data_offsets\":[0,1099511627776]}}", 1L << 40, 0));
        files.add(write("2^37-elements-i64.safetensors", "{\"w\":{\"dtype\":\"I64\",\"shape\":[137438953472],\"data_offsets\":[0,1099511627776]}}", 1L << 40, 0));
        files.add(write("unaligned-f32.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[1,9]}}", 9, 1));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), HostileCheckpointProbe.class.getName()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        outcomes = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int at = line.indexOf(" => ");
            if (at > 0) {
                outcomes.put(line.substring(0, at), line.substring(at + 4));
            }
        }
        outcomes.forEach((file, outcome) -> {
            String shown = outcome.replace(dir.resolve(file) + ": ", "");
            REPORT.record(file, !outcome.startsWith("CRASH"), shown.length() > 100 ? shown.substring(0, 100) + "..." : shown);
        });
    }

    @Test
    void headerLengthsBeyondTheFileAreRefused() {
        assertThat(outcomes.get("header-length-2^63.safetensors")).startsWith("refused").contains("invalid header length 9223372036854775808");
        assertThat(outcomes.get("header-length-2^64-1.safetensors")).startsWith("refused").contains("18446744073709551615");
        assertThat(outcomes.get("header-length-beyond-file.safetensors")).startsWith("refused").contains("invalid header length");
        assertThat(outcomes.get("header-length-over-100MB.safetensors")).startsWith("refused").contains("invalid header length");
    }

    @Test
    void inconsistentTensorsAreRefusedWithTheirName() {
        assertThat(outcomes.get("declared-beyond-file.safetensors")).startsWith("refused").contains("'w'", "outside");
        assertThat(outcomes.get("overlapping-ranges.safetensors")).startsWith("refused").contains("overlap");
        assertThat(outcomes.get("unknown-dtype.safetensors")).startsWith("refused").contains("unsupported dtype Q4_K");
        assertThat(outcomes.get("absurd-shape-overflow.safetensors")).startsWith("refused").contains("absurd shape");
        assertThat(outcomes.get("negative-dimension.safetensors")).startsWith("refused").contains("invalid dimension");
        assertThat(outcomes.get("shape-size-mismatch.safetensors")).startsWith("refused").contains("declares");
        assertThat(outcomes.get("offsets-2^63.safetensors")).startsWith("refused");
    }

    @Test
    void terabyteTensorsAreRefusedBeforeAnyAllocation() {
        // a 48 MB heap: allocating even 1/20000 of these would have died with OutOfMemoryError (printed as CRASH)
        assertThat(outcomes.get("2^40-elements-f8.safetensors")).startsWith("refused").contains("larger than 2 GiB");
        assertThat(outcomes.get("2^37-elements-i64.safetensors")).startsWith("refused").contains("larger than 2 GiB");
    }

    @Test
    void unalignedRangesAreReadCorrectly() throws IOException {
        // the format does not require alignment; the reader decodes through byte-order-aware getters
        assertThat(outcomes.get("unaligned-f32.safetensors")).isEqualTo("accepted 3 elements");
    }

    private static Path rawLength(String name, long headerLength, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength);
        return Files.write(dir.resolve(name), b.array());
    }

    /** Header, then {@code dataBytes} of data (sparse beyond what is written), the first filled with 1.5f from {@code f32At}. */
    private static Path write(String name, String header, long dataBytes, int f32At) throws IOException {
        byte[] h = JSON.writeValueAsBytes(JSON.readTree(header));
        Path f = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            raf.write(prefix.array());
            raf.write(h);
            raf.setLength(8 + h.length + dataBytes);
            if (dataBytes >= 9 && f32At > 0) {
                raf.seek(8 + h.length + f32At);
                ByteBuffer v = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
                raf.write(v.array());
            }
        }
        return f;
    }
}
