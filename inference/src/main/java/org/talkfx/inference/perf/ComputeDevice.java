package org.talkfx.inference.perf;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import org.talkfx.inference.engine.Engines;

/**
 * Where and in which precision tensors are computed: CUDA in fp16 when DJL sees a GPU (DJL 0.36 cannot hold bf16),
 * else CPU in fp32 (fp16 is very slow on CPU). {@code talkfx.device=cpu|gpu} overrides the choice.
 */
public record ComputeDevice(Device device, DataType dtype) {
    public static ComputeDevice best() {
        Engine engine = Engines.pytorch();
        String forced = System.getProperty("talkfx.device", "");
        boolean gpu = forced.isEmpty() ? engine.getGpuCount() > 0 : forced.equals("gpu");
        return gpu ? new ComputeDevice(Device.gpu(), DataType.FLOAT16) : new ComputeDevice(Device.cpu(), DataType.FLOAT32);
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    @Override
    public String toString() {
        return device + "/" + dtype;
    }
}
