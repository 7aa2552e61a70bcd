package org.talkfx.inference.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.common.RuntimeSetup;

import java.util.ArrayList;
import java.util.List;

/** Loads DJL engines offline and describes them. */
public final class Engines {
    public static final String PYTORCH = "PyTorch";
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    private Engines() {
    }

    /** The PyTorch engine, loaded offline; throws with a readable message when its natives are missing. */
    public static Engine pytorch() {
        RuntimeSetup.apply();
        return Engine.getEngine(PYTORCH);
    }

    public static EngineReport probe(String engineName) {
        RuntimeSetup.apply();
        try {
            Engine engine = Engine.getEngine(engineName);
            int gpus = engine.getGpuCount();
            List<String> devices = new ArrayList<>();
            devices.add(Device.cpu().toString());
            for (int i = 0; i < gpus; i++) {
                devices.add(Device.gpu(i).toString());
            }
            if (PYTORCH.equals(engineName)) {
                smokeTest(engine);
            }
            return new EngineReport(engineName, true, engine.getVersion(), gpus, devices, null);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return EngineReport.failed(engineName, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void smokeTest(Engine engine) {
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.ones(new ai.djl.ndarray.types.Shape(2, 2));
            float sum = a.matMul(a).sum().getFloat();
            if (sum != 8f) {
                throw new IllegalStateException("PyTorch computed 2x2 ones @ ones sum = " + sum + ", expected 8");
            }
        }
    }
}
