package org.talkfx.inference.pipeline;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.talkfx.inference.engine.Engines;

import java.nio.file.Path;

/**
 * The tensor-free face of the pipeline for callers outside {@code inference} (CLI, render service, effect): loads
 * the networks of a model folder once and renders shots with them.
 */
public final class Pipeline implements AutoCloseable {
    private final NDManager manager;
    private final NetworkModel model;

    private Pipeline(NDManager manager, NetworkModel model) {
        this.manager = manager;
        this.model = model;
    }

    public static Pipeline open(Path modelDir) {
        return open(modelDir, null);
    }

    /** Loads the model onto {@code device} (null = the engine's default device). */
    public static Pipeline open(Path modelDir, Device device) {
        NDManager manager = device == null ? Engines.pytorch().newBaseManager()
                : Engines.pytorch().newBaseManager(device);
        try {
            return new Pipeline(manager, NetworkModel.load(manager, modelDir));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public String modelId() {
        return model.id();
    }

    public RenderResult render(RenderRequest request, long seed, GenerationListener listener) {
        return render(request, seed, listener, null);
    }

    /** Renders, taking finished windows from {@code store} and saving new ones there (null = no store). */
    public RenderResult render(RenderRequest request, long seed, GenerationListener listener, WindowStore store) {
        return new ShotRenderer(model, manager).render(request, NoiseSource.seeded(seed), listener, store);
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
