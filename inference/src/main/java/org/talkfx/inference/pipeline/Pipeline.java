package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDManager;
import org.talkfx.inference.engine.Engines;

import java.nio.file.Path;
import java.util.function.Consumer;

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

    /**
     * @param promptCache where encoded prompts are kept between runs
     * @param speedLora   merge the folder's LoRA files into the DiT (draft preset)
     * @param notes       told of skipped files and other load-time remarks
     */
    public static Pipeline open(Path modelDir, Path promptCache, boolean speedLora, Consumer<String> notes) {
        NDManager manager = Engines.pytorch().newBaseManager();
        try {
            return new Pipeline(manager, NetworkModel.load(manager, modelDir, promptCache, speedLora, notes));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public String modelId() {
        return model.id();
    }

    public RenderResult render(RenderRequest request, long seed, GenerationListener listener) {
        return new ShotRenderer(model, manager).render(request, NoiseSource.seeded(seed), listener);
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
