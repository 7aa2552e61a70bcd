package org.talkfx.panel.work;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.face.RgbFrame;
import org.talkfx.media.VideoDecoder;
import org.talkfx.media.VideoFrame;
import org.talkfx.media.VideoRequest;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** Source frames for the heads preview and face detection: stills through ImageIO, video through the media layer. */
public final class FrameGrab {
    private FrameGrab() {
    }

    public static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** The frame on screen at source frame {@code frame} ({@code fps} frames a second); a still is every frame. */
    public static RgbFrame frame(Path file, long frame, double fps) {
        if (isImage(file)) {
            return still(file);
        }
        try (VideoDecoder d = VideoDecoder.open(file, VideoRequest.sourceFrames().range(Math.max(0, frame) / fps, 2.0 / fps))) {
            if (!d.hasNext()) {
                throw new BadInputException(file, "no frame at " + frame);
            }
            VideoFrame f = d.next();
            return new RgbFrame(f.width(), f.height(), f.rgb());
        }
    }

    /** Every frame of {@code [from, to)} (to < 0: to the end), stopping early once {@code cancelled} says so. */
    public static Iterator<RgbFrame> frames(Path file, long from, long to, double fps, BooleanSupplier cancelled) {
        if (isImage(file)) {
            return java.util.List.of(still(file)).iterator();
        }
        double start = from / fps;
        double duration = to < 0 ? Double.POSITIVE_INFINITY : (to - from) / fps;
        VideoDecoder d = VideoDecoder.open(file, VideoRequest.sourceFrames().range(start, duration));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = !cancelled.getAsBoolean() && d.hasNext();
                if (!more) {
                    d.close();
                }
                return more;
            }

            @Override
            public RgbFrame next() {
                VideoFrame f = d.next();
                return new RgbFrame(f.width(), f.height(), f.rgb());
            }
        };
    }

    static RgbFrame still(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "source image not found");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new BadInputException(file, "not a PNG or JPEG image");
        }
        return RgbFrame.ofPackedRgb(img.getWidth(), img.getHeight(), img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
    }

    public static BufferedImage toImage(RgbFrame f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        int[] px = new int[f.width() * f.height()];
        byte[] rgb = f.rgb();
        for (int i = 0; i < px.length; i++) {
            px[i] = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff);
        }
        img.setRGB(0, 0, f.width(), f.height(), px, 0, f.width());
        return img;
    }
}
