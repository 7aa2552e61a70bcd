package org.talkfx.cli.faces;

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
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/** Frames for {@code talkfx faces}: one video file (through the media layer), or images read one at a time. */
interface FrameSource extends Iterator<RgbFrame>, AutoCloseable {
    /** Frame rate to smooth at: the video's, or the given one for image sequences. */
    double fps();

    @Override
    void close();

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    static FrameSource open(List<Path> inputs, double imageFps) {
        for (Path p : inputs) {
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(p, "no such file");
            }
        }
        if (inputs.size() == 1 && !isImage(inputs.get(0))) {
            return new Video(inputs.get(0));
        }
        for (Path p : inputs) {
            if (!isImage(p)) {
                throw new BadInputException(p, "give either one video or PNG/JPEG images (a sequence), not both");
            }
        }
        return new Images(inputs, imageFps);
    }

    final class Video implements FrameSource {
        private final VideoDecoder decoder;

        Video(Path file) {
            decoder = VideoDecoder.open(file, VideoRequest.sourceFrames());
        }

        @Override
        public double fps() {
            double fps = decoder.info().fps();
            return fps > 0 ? fps : VideoRequest.MODEL_FPS;
        }

        @Override
        public boolean hasNext() {
            return decoder.hasNext();
        }

        @Override
        public RgbFrame next() {
            VideoFrame f = decoder.next();
            return new RgbFrame(f.width(), f.height(), f.rgb());
        }

        @Override
        public void close() {
            decoder.close();
        }
    }

    final class Images implements FrameSource {
        private final List<Path> files;
        private final double fps;
        private int next;
        private int width = -1;
        private int height = -1;

        Images(List<Path> files, double fps) {
            this.files = List.copyOf(files);
            this.fps = fps;
        }

        @Override
        public double fps() {
            return fps;
        }

        @Override
        public boolean hasNext() {
            return next < files.size();
        }

        @Override
        public RgbFrame next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Path file = files.get(next++);
            RgbFrame frame = read(file);
            if (width < 0) {
                width = frame.width();
                height = frame.height();
            } else if (frame.width() != width || frame.height() != height) {
                throw new BadInputException(file, "is " + frame.width() + "x" + frame.height()
                        + " but the first image is " + width + "x" + height + "; an image sequence needs one size");
            }
            return frame;
        }

        /** Any PNG/JPEG ImageIO reads (grey, palette, 16-bit, alpha) becomes 8-bit RGB. */
        static RgbFrame read(Path file) {
            BufferedImage img;
            try {
                img = ImageIO.read(file.toFile());
            } catch (IOException | RuntimeException e) {
                throw new BadInputException(file, "cannot read the image (damaged PNG/JPEG?): " + e.getMessage(), e);
            }
            if (img == null) {
                throw new BadInputException(file, "not a PNG or JPEG image");
            }
            int w = img.getWidth();
            int h = img.getHeight();
            return RgbFrame.ofPackedRgb(w, h, img.getRGB(0, 0, w, h, null, 0, w));
        }

        @Override
        public void close() {
            // images are read one at a time; nothing stays open
        }
    }
}
