package org.talkfx.inference.t5;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.inference.weights.Checkpoint;
import org.talkfx.inference.weights.KeyLayouts;

import java.nio.file.Path;

/**
 * Prompt text to umT5 context [L, dim] through the on-disk cache. The encoder checkpoint (11 GB for umt5-xxl in
 * bf16) is opened only on a cache miss, so a project whose prompts were encoded once never loads it again. It always
 * runs on the CPU: once per prompt, it is not worth the 22 GB of GPU memory its fp32 weights would take beside the
 * DiT; the context is then copied to the caller's device.
 */
public final class PromptEncoder implements AutoCloseable {
    private final Path checkpoint;
    private final UmT5Tokenizer tokenizer;
    private final TextEmbeddingCache cache;
    private final NDManager parent;
    private final String identity;
    private Checkpoint files;
    private UmT5Encoder encoder;
    private NDManager host;

    public PromptEncoder(Path checkpoint, Path tokenizer, Path cacheDir, NDManager parent) {
        this.checkpoint = checkpoint;
        this.tokenizer = UmT5Tokenizer.open(tokenizer);
        this.cache = new TextEmbeddingCache(cacheDir);
        this.parent = parent;
        this.identity = identity(checkpoint, this.tokenizer.file());
    }

    private static String identity(Path checkpoint, Path tokenizerFile) {
        try (Checkpoint c = Checkpoint.open(checkpoint)) {
            Path[] paths = new Path[c.files().size() + 1];
            for (int i = 0; i < c.files().size(); i++) {
                paths[i] = c.files().get(i).path();
            }
            paths[paths.length - 1] = tokenizerFile;
            return TextEmbeddingCache.identityOf(paths);
        }
    }

    /** The context for {@code prompt}, [realLen, dim], owned by {@code m}. */
    public NDArray encode(NDManager m, String prompt) {
        return cache.getOrCompute(m, identity, prompt, mm -> {
            try (NDManager host = hostManager().newSubManager()) {
                NDArray context = encoder().encode(host, tokenizer.encode(prompt));
                NDArray out = context.toDevice(mm.getDevice(), true);
                out.attach(mm);
                return out;
            }
        });
    }

    private NDManager hostManager() {
        if (host == null) {
            host = parent.getDevice().isGpu() ? parent.getEngine().newBaseManager(Device.cpu()) : parent.newSubManager();
        }
        return host;
    }

    /** Whether the encoder weights had to be loaded (false while every prompt came from the cache). */
    public boolean encoderLoaded() {
        return encoder != null;
    }

    private UmT5Encoder encoder() {
        if (encoder == null) {
            files = Checkpoint.open(checkpoint);
            encoder = UmT5Encoder.load(hostManager(), KeyLayouts.canonical(files));
        }
        return encoder;
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
        if (files != null) {
            files.close();
        }
        if (host != null) {
            host.close();
        }
        tokenizer.close();
    }
}
