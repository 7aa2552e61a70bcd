package org.talkfx.media;

import org.talkfx.bench.BenchContext;
import org.talkfx.bench.Benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encode and decode frames per second for ProRes 422 HQ and H.264 at the model's 832x480 and at 1920x1080, on
 * synthetic moving frames (a gradient that shifts every frame, so inter-frame coding has work to do).
 */
public final class MediaBenchmark implements Benchmark {
    private static final int[][] SIZES = {{832, 480}, {1920, 1080}};

    @Override
    public String name() {
        return "media.codec";
    }

    @Override
    public String description() {
        return "ProRes 422 HQ and H.264 encode and decode, frames per second at 832x480 and 1920x1080";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Path dir = Files.createTempDirectory("talkfx-bench-media");
        try {
            for (int[] size : SIZES) {
                int w = size[0], h = size[1];
                int frames = context.quick() ? 10 : (w > 1000 ? 30 : 60);
                byte[][] pictures = new byte[8][];
                for (int i = 0; i < pictures.length; i++) {
                    pictures[i] = movingFrame(w, h, i);
                }
                for (OutputFormat format : new OutputFormat[]{OutputFormat.PRORES_422_HQ, OutputFormat.H264_MP4}) {
                    String codec = format == OutputFormat.PRORES_422_HQ ? "prores" : "h264";
                    Path file = dir.resolve(codec + "-" + w + "x" + h + (format == OutputFormat.PRORES_422_HQ ? ".mov" : ".mp4"));
                    EncodeSettings settings = EncodeSettings.of(format, w, h, 25);
                    double encode = BenchContext.medianSeconds(0, context.iterations(3), () -> {
                        try (VideoEncoder enc = VideoEncoder.open(file, settings, null)) {
                            for (int i = 0; i < frames; i++) {
                                enc.write(pictures[i % pictures.length]);
                            }
                            enc.finish();
                        }
                    });
                    String note = frames + " frames" + (format == OutputFormat.H264_MP4 ? ", x264 preset medium crf 18" : "");
                    context.report("encode." + codec + "." + w + "x" + h, frames / encode, "fps", note);
                    double decode = BenchContext.medianSeconds(1, context.iterations(3), () ->
                            VideoDecoder.forEach(file, VideoRequest.sourceFrames(), f -> { }));
                    context.report("decode." + codec + "." + w + "x" + h, frames / decode, "fps", "to RGB24, " + frames + " frames");
                }
            }
        } finally {
            MediaFiles.deleteQuietly(dir);
        }
    }

    private static byte[] movingFrame(int w, int h, int t) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) ((x + 4 * t) * 255 / w);
                rgb[i + 1] = (byte) ((y + 2 * t) * 255 / h);
                rgb[i + 2] = (byte) (((x ^ y) + t) & 0xff);
            }
        }
        return rgb;
    }
}
