package org.talkfx.inference.face;

import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;

import java.util.Random;

/** Face detection speed on 1080p frames on the CPU, split into resampling and network, plus one head mask. */
public final class FaceDetectionBenchmark implements Benchmark {
    private static final int W = 1920;
    private static final int H = 1080;

    @Override
    public String name() {
        return "face.detect.1080p";
    }

    @Override
    public String description() {
        return "BlazeFace (ONNX Runtime, CPU) frames per second on 1920x1080 RGB frames, both models";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        // content barely matters to the cost (a fixed-size network, a handful of candidates): smooth noise
        byte[] rgb = new byte[W * H * 3];
        Random random = new Random(1);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) ((i / 3 % W) / 8 + (i / 3 / W) / 8 + random.nextInt(16));
        }
        RgbFrame frame = new RgbFrame(W, H, rgb);
        int runs = context.iterations(50);
        for (FaceModel model : FaceModel.values()) {
            DetectorConfig config = DetectorConfig.defaults().withModel(model);
            try (FaceDetector detector = FaceDetector.open(FaceModelLocator.defaults(), config)) {
                Letterbox letterbox = Letterbox.of(W, H, model.inputSize());
                float[] input = letterbox.toTensor(frame);
                double total = BenchContext.medianSeconds(3, runs, () -> detector.detect(frame));
                double resample = BenchContext.medianSeconds(3, runs, () -> letterbox.toTensor(frame));
                double network = BenchContext.medianSeconds(3, runs, () -> detector.run(input));
                String tag = model.name().toLowerCase(java.util.Locale.ROOT);
                context.report(tag + " detect", 1 / total, "frames/s", String.format("%.1f ms per frame", total * 1e3));
                context.report(tag + " resample to input", resample * 1e3, "ms");
                context.report(tag + " network", network * 1e3, "ms");
            }
        }
        Box head = new Box(800, 200, 320, 420);
        double mask = BenchContext.medianSeconds(2, context.iterations(20),
                () -> HeadMasks.render(W, H, head, MaskStyle.defaults()));
        context.report("head mask 1080p", mask * 1e3, "ms");
    }
}
