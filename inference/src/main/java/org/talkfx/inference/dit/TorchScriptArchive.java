package org.talkfx.inference.dit;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module archive written without Python: the zip that {@code torch.jit.save} produces for a module
 * with no parameters, i.e. its TorchScript source ({@code code/__torch__.py}), the pickled module object
 * ({@code data.pkl}: an instance of {@code __torch__.<name>} with its {@code training} flag), an empty constants
 * table and the format version. libtorch compiles the source when it loads the archive.
 */
final class TorchScriptArchive {
    /**
     * File format 10: the operator set of gelu's {@code approximate} argument. Torch reads an older version number
     * as a promise that the code predates later operator changes and rewrites such calls to the old schemas.
     */
    private static final String FORMAT_VERSION = "10\n";

    private TorchScriptArchive() {
    }

    /**
     * Compiles a module written by {@link #module} in {@code manager}, which is closed again if that fails.
     */
    static PtSymbolBlock load(NDManager manager, String className, String methods) {
        try {
            return JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(module(className, methods)),
                    true, false);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * @param className the module's class, e.g. {@code Attention}
     * @param methods   TorchScript method definitions (indented by 2 spaces, {@code self: __torch__.<className>})
     */
    static byte[] module(String className, String methods) {
        String code = "class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + methods;
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("data.pkl", moduleObject(className));
        records.put("code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
        records.put("constants.pkl", new byte[]{(byte) 0x80, 2, ')', '.'}); // PROTO 2, EMPTY_TUPLE, STOP
        records.put("version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        return zip(className.toLowerCase(java.util.Locale.ROOT), records);
    }

    /** Pickle (protocol 2) of {@code __torch__.<className>()} with state {@code {"training": False}}. */
    private static byte[] moduleObject(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2); // PROTO 2
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.UTF_8);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89); // NEWFALSE
        p.write('u'); // SETITEMS
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    /** Uncompressed entries under one top-level folder, as torch's PyTorchStreamWriter lays them out. */
    private static byte[] zip(String archiveName, Map<String, byte[]> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> r : records.entrySet()) {
                ZipEntry e = new ZipEntry(archiveName + "/" + r.getKey());
                e.setMethod(ZipEntry.STORED);
                e.setSize(r.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(r.getValue());
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(r.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
