package org.talkfx.inference.face;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import org.talkfx.common.BadInputException;
import org.talkfx.common.RuntimeSetup;
import org.talkfx.inference.engine.Engines;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * BlazeFace on ONNX Runtime (DJL, CPU): frames in, faces in source pixels out. One ONNX Runtime session per
 * detector; a detector is not thread-safe (use one per thread) and must be closed.
 */
public final class FaceDetector implements AutoCloseable {
    private final Path modelFile;
    private final DetectorConfig config;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final BlazeFaceDecoder decoder;

    private FaceDetector(Path modelFile, DetectorConfig config) {
        this.modelFile = modelFile;
        this.config = config;
        this.decoder = new BlazeFaceDecoder(config.model());
        this.model = load(modelFile);
        try {
            this.predictor = model.newPredictor();
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        try {
            // a file that loads but is not this BlazeFace network must fail here, not on the first real frame
            runOrThrow(new float[config.model().inputSize() * config.model().inputSize() * 3]);
        } catch (TranslateException | RuntimeException e) {
            close();
            throw new BadInputException(modelFile, "does not run as " + config.model().describe()
                    + " (wrong or damaged model file?): " + e.getMessage(), e);
        }
    }

    /** Loads {@code modelFile} (the ONNX file of {@code config.model()}). */
    public static FaceDetector open(Path modelFile, DetectorConfig config) {
        if (!Files.isRegularFile(modelFile)) {
            throw new BadInputException(modelFile, "face detector model missing: " + config.model().describe());
        }
        return new FaceDetector(modelFile, config);
    }

    /** Finds the model with {@code locator} and loads it. */
    public static FaceDetector open(FaceModelLocator locator, DetectorConfig config) {
        return open(locator.locate(config.model()), config);
    }

    public DetectorConfig config() {
        return config;
    }

    /** Faces in {@code frame}, best score first; empty when there is none. */
    public List<FaceDetection> detect(RgbFrame frame) {
        Letterbox letterbox = Letterbox.of(frame.width(), frame.height(), config.model().inputSize());
        float[][] raw = run(letterbox.toTensor(frame));
        return decoder.decode(raw[0], raw[1], letterbox, config);
    }

    /** Raw network outputs for one NHWC input: {@code [logits(896), regressions(896*16)]}, finer grid first. */
    float[][] run(float[] nhwc) {
        try {
            return runOrThrow(nhwc);
        } catch (TranslateException | RuntimeException e) {
            throw new BadInputException(modelFile, "face detector failed to run: " + e.getMessage(), e);
        }
    }

    private float[][] runOrThrow(float[] nhwc) throws TranslateException {
        int size = config.model().inputSize();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(FloatBuffer.wrap(nhwc), new Shape(1, size, size, 3));
            input.setName("input:0");
            NDList out = predictor.predict(new NDList(input));
            out.attach(manager);
            return outputs(out);
        }
    }

    private float[][] outputs(NDList out) {
        NDArray fineScores = null, coarseScores = null, fineBoxes = null, coarseBoxes = null;
        for (NDArray a : out) {
            Shape s = a.getShape();
            if (s.dimension() != 3 || s.get(0) != 1) {
                continue;
            }
            if (s.get(1) == 512 && s.get(2) == 1) {
                fineScores = a;
            } else if (s.get(1) == 384 && s.get(2) == 1) {
                coarseScores = a;
            } else if (s.get(1) == 512 && s.get(2) == 16) {
                fineBoxes = a;
            } else if (s.get(1) == 384 && s.get(2) == 16) {
                coarseBoxes = a;
            }
        }
        if (fineScores == null || coarseScores == null || fineBoxes == null || coarseBoxes == null) {
            StringBuilder shapes = new StringBuilder();
            out.forEach(a -> shapes.append(' ').append(a.getShape()));
            throw new IllegalStateException("expected outputs [1,512,1] [1,384,1] [1,512,16] [1,384,16], got" + shapes);
        }
        return new float[][]{concat(fineScores.toFloatArray(), coarseScores.toFloatArray()),
                concat(fineBoxes.toFloatArray(), coarseBoxes.toFloatArray())};
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private ZooModel<NDList, NDList> load(Path file) {
        RuntimeSetup.apply();
        String name = file.getFileName().toString();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine(Engines.ONNX_RUNTIME)
                .optDevice(Device.cpu())
                .optModelPath(file.toAbsolutePath().getParent())
                .optModelName(name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name)
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return criteria.loadModel();
        } catch (MalformedModelException | ModelNotFoundException | IOException | RuntimeException e) {
            throw new BadInputException(file, "cannot load the face detector model (corrupt or not ONNX; fetch "
                    + config.model().describe() + " again): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
