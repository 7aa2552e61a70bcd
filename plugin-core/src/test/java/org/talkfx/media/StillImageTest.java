package org.talkfx.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real pictures (the skimage portraits fetched by scripts/install-test-deps), decoded by FFmpeg and checked against
 * Java's own ImageIO decoders: the "animate a still portrait" input path.
 */
class StillImageTest {
    @TempDir
    Path dir;

    private static Path deps(String relative) {
        String root = System.getProperty("talkfx.root");
        Path file = (root != null ? Path.of(root) : Path.of("..")).resolve("deps").resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: run scripts/install-test-deps");
        }
        return file;
    }

    private static VideoFrame only(Path file) {
        List<VideoFrame> frames = new ArrayList<>();
        VideoDecoder.forEach(file, VideoRequest.atModelRate(), frames::add);
        assertThat(frames).as("a still image is one frame").hasSize(1);
        return frames.get(0);
    }

    @Test
    void colourPngDecodesExactly() throws Exception {
        Path png = deps("images/astronaut.png");
        BufferedImage reference = ImageIO.read(png.toFile());
        VideoFrame f = only(png);
        assertThat(f.width()).isEqualTo(512);
        assertThat(f.height()).isEqualTo(512);
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                if (f.rgbAt(x, y) != (reference.getRGB(x, y) & 0xffffff)) {
                    throw new AssertionError("pixel " + x + "," + y + " differs");
                }
            }
        }
    }

    @Test
    void greyPngDecodesToEqualChannels() {
        Path png = deps("images/camera.png");
        VideoFrame f = only(png);
        BufferedImage reference;
        try {
            reference = ImageIO.read(png.toFile());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        // The raster, not getRGB: Java's grey colour space would apply a gamma curve.
        for (int y = 0; y < f.height(); y += 7) {
            for (int x = 0; x < f.width(); x += 7) {
                int g = reference.getRaster().getSample(x, y, 0);
                assertThat(f.rgbAt(x, y)).isEqualTo(g << 16 | g << 8 | g);
            }
        }
    }

    @Test
    void fullRangeJpegDecodesLikeImageIo() throws Exception {
        BufferedImage src = ImageIO.read(deps("images/astronaut.png").toFile());
        Path jpg = dir.resolve("astronaut.jpg");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(jpg.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(src, null, null), param);
        }
        writer.dispose();
        BufferedImage reference = ImageIO.read(jpg.toFile());
        VideoFrame f = only(jpg);
        long sum = 0;
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                int a = f.rgbAt(x, y), b = reference.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((a >> shift & 0xff) - (b >> shift & 0xff));
                }
            }
        }
        // JPEG is full-range BT.601; read as limited range the mean error is 8.3 levels.
        assertThat(sum / (3.0 * f.width() * f.height())).isLessThan(1.5);
    }
}
