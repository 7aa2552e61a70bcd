package org.talkfx.hardening.fuzz;

import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.TensorInfo;
import org.talkfx.media.MediaProbe;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.timeline.OtioReader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The parsers that read files which came from anywhere. */
final class FuzzTargets {
    private FuzzTargets() {
    }

    static List<FuzzTarget> all() {
        return List.of(safetensors(), otio(), shotSetup(), mediaProbe(), new org.talkfx.batch.BatchFileFuzzTarget());
    }

    static FuzzTarget byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fuzz target " + name));
    }

    /** Header reader plus every accessor a loader would call on what it accepted. */
    static FuzzTarget safetensors() {
        return new FuzzTarget() {
            @Override
            public String name() {
                return "safetensors";
            }

            @Override
            public void run(byte[] input, Path scratch) throws Exception {
                Path f = Files.write(scratch.resolve("model.safetensors"), input);
                try (SafetensorsFile st = SafetensorsFile.open(f)) {
                    for (TensorInfo t : st.tensors().values()) {
                        if (t.dtype().isFloatingPoint()) {
                            st.floats(t.name());
                        } else {
                            st.longs(t.name());
                        }
                    }
                }
            }

            @Override
            public byte[] mutate(Mutator m, byte[] parent, List<byte[]> corpus) {
                int choice = m.rng().nextInt(8);
                if (choice == 0 && parent.length >= 8) {
                    // the length prefix itself: 2^63, 2^64-1, zero, one past the file...
                    byte[] c = parent.clone();
                    long[] lengths = {Long.MIN_VALUE, -1L, 0, 1, parent.length - 8L, parent.length - 7L, 100L << 20,
                            (100L << 20) + 1, Integer.MAX_VALUE, 1L << 32};
                    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lengths[m.rng().nextInt(lengths.length)]);
                    return c;
                }
                if (choice <= 5 && parent.length >= 8) {
                    long len = ByteBuffer.wrap(parent).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
                    if (len > 1 && len <= parent.length - 8) {
                        byte[] header = Arrays.copyOfRange(parent, 8, 8 + (int) len);
                        byte[] data = Arrays.copyOfRange(parent, 8 + (int) len, parent.length);
                        byte[] mutated = m.mutateJson(header);
                        if (mutated != null) {
                            return assemble(mutated, data);
                        }
                    }
                }
                return m.bytes(parent, corpus);
            }
        };
    }

    static byte[] assemble(byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        return b.array();
    }

    static FuzzTarget otio() {
        return new FuzzTarget() {
            @Override
            public String name() {
                return "otio";
            }

            @Override
            public void run(byte[] input, Path scratch) throws Exception {
                OtioReader.read(Files.write(scratch.resolve("edit.otio"), input));
            }
        };
    }

    static FuzzTarget shotSetup() {
        ShotSetupFile files = new ShotSetupFile();
        return new FuzzTarget() {
            @Override
            public String name() {
                return "shot-setup";
            }

            @Override
            public void run(byte[] input, Path scratch) throws Exception {
                files.load(Files.write(scratch.resolve("shot.talkfx.json"), input));
            }
        };
    }

    /** FFmpeg demuxers through JavaCPP: a native crash here would kill the host, so it is fuzzed too. */
    static FuzzTarget mediaProbe() {
        return new FuzzTarget() {
            @Override
            public String name() {
                return "media-probe";
            }

            @Override
            public void run(byte[] input, Path scratch) throws Exception {
                MediaProbe.probe(Files.write(scratch.resolve("clip"), input));
            }

            @Override
            public byte[] mutate(Mutator m, byte[] parent, List<byte[]> corpus) {
                byte[] out = m.bytes(parent, corpus);
                return m.rng().nextBoolean() ? m.bytes(out, corpus) : out;
            }
        };
    }
}
