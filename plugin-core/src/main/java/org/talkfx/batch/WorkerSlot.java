package org.talkfx.batch;

import ai.djl.Device;
import org.talkfx.cli.render.RenderJob;
import org.talkfx.inference.pipeline.Pipeline;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One worker's place: its device and the model it has loaded there. Shots run on a slot one at a time, so the model
 * is loaded once per worker and model folder, not once per shot (for 14B weights that is minutes per shot saved).
 */
final class WorkerSlot implements AutoCloseable {
    private final int gpu;
    private Path loadedFrom;
    private boolean loadedWithLora;
    private Pipeline pipeline;

    /** @param gpu GPU index, or -1 for the engine's default device */
    WorkerSlot(int gpu) {
        this.gpu = gpu;
    }

    Device device() {
        return gpu < 0 ? null : Device.gpu(gpu);
    }

    String where() {
        return gpu < 0 ? "the default device" : "GPU " + gpu;
    }

    /**
     * The pipeline for {@code models} (with the speed LoRA merged or not), loading it and dropping another when
     * needed; load-time notes go to {@code notes}.
     */
    Pipeline pipeline(Path models, boolean speedLora, Consumer<String> notes) {
        Path key = models.toAbsolutePath().normalize();
        if (pipeline == null || !key.equals(loadedFrom) || speedLora != loadedWithLora) {
            close();
            pipeline = Pipeline.open(key, RenderJob.talkfxHome().resolve("prompt-cache"), speedLora, notes, device());
            loadedFrom = key;
            loadedWithLora = speedLora;
        }
        return pipeline;
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
            loadedFrom = null;
        }
    }
}
