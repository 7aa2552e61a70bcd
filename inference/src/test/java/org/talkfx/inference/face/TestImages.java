package org.talkfx.inference.face;

import org.talkfx.testing.SharedFixtures;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The skimage portraits from deps/ as frames, and clips built from them. */
final class TestImages {
    private TestImages() {
    }

    static Path modelFile(FaceModel model) {
        return SharedFixtures.deps("blazeface/package/ONNX/" + model.fileName());
    }

    static BufferedImage image(String name) {
        try {
            return ImageIO.read(SharedFixtures.deps("images/" + name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RgbFrame frame(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        return RgbFrame.ofPackedRgb(w, h, img.getRGB(0, 0, w, h, null, 0, w));
    }

    static RgbFrame astronaut() {
        return frame(image("astronaut.png"));
    }

    /** {@code src} drawn scaled into a {@code w x h} canvas of grey at (x, y) with the given size. */
    static RgbFrame placed(BufferedImage src, int w, int h, int x, int y, int drawW, int drawH) {
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = canvas.createGraphics();
        g.setColor(new java.awt.Color(128, 128, 128));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, x, y, drawW, drawH, null);
        g.dispose();
        return frame(canvas);
    }
}
