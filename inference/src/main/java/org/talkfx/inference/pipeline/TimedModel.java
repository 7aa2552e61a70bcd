package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link GenerationModel} that times each kind of network call of the model it wraps, waiting for the device at
 * the end of each call (so the time is the call's own), to show where a shot's wall time goes: what the calls do
 * not account for is the streaming engine's host work.
 */
final class TimedModel implements GenerationModel {
    private final GenerationModel model;
    private final Map<String, long[]> calls = new LinkedHashMap<>(); // name -> {count, nanos}

    TimedModel(GenerationModel model) {
        this.model = model;
    }

    /** Call name to {count, total nanoseconds}, in the order first called. */
    Map<String, long[]> calls() {
        return calls;
    }

    void reset() {
        calls.clear();
    }

    private NDArray timed(String name, Supplier<NDArray> call) {
        long start = System.nanoTime();
        NDArray out = call.get();
        out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(-1).get(0).getFloat(); // waits for the device
        long[] entry = calls.computeIfAbsent(name, k -> new long[2]);
        entry[0]++;
        entry[1] += System.nanoTime() - start;
        return out;
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public int latentChannels() {
        return model.latentChannels();
    }

    @Override
    public int temporalStride() {
        return model.temporalStride();
    }

    @Override
    public int spatialStride() {
        return model.spatialStride();
    }

    @Override
    public int patchSize() {
        return model.patchSize();
    }

    @Override
    public NDArray encodeText(NDManager m, String prompt) {
        return timed("encodeText", () -> model.encodeText(m, prompt));
    }

    @Override
    public NDArray encodeImage(NDManager m, NDArray image) {
        return timed("encodeImage", () -> model.encodeImage(m, image));
    }

    @Override
    public NDArray encodeVideo(NDManager m, NDArray video) {
        return timed("encodeVideo." + video.getShape().get(1) + "frames", () -> model.encodeVideo(m, video));
    }

    @Override
    public NDArray decode(NDManager m, NDArray latents) {
        return timed("decode." + latents.getShape().get(1) + "latents", () -> model.decode(m, latents));
    }

    @Override
    public NDArray audioFeatures(NDManager m, float[] audio16k, int frames) {
        return timed("audioFeatures", () -> model.audioFeatures(m, audio16k, frames));
    }

    @Override
    public NDArray denoise(NDManager m, DenoiseInput in) {
        return timed("denoise", () -> model.denoise(m, in));
    }

    @Override
    public void close() {
        model.close();
    }
}
