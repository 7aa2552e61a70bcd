package org.talkfx.cli.faces;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.face.FaceAnalysis;
import org.talkfx.inference.face.FaceTrack;
import org.talkfx.inference.face.HeadMasks;
import org.talkfx.inference.face.MaskStyle;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes {@code <dir>/track-<id>/frame_<n>.png}: one 8-bit grey soft head mask per track and frame (black where the
 * track has no face), and with a grid cell size also {@code <dir>/track-<id>-grid<cell>/frame_<n>.png}, the same mask
 * area-averaged onto that grid (8: VAE latent, 16: DiT tokens). Everything goes into a temporary sibling directory that is renamed to {@code dir} at the end,
 * so a failed run leaves no partial mask set.
 */
final class MaskPngs {
    private MaskPngs() {
    }

    static int write(Path dir, FaceAnalysis analysis, MaskStyle style, int gridCell) throws IOException {
        Path target = dir.toAbsolutePath();
        if (Files.exists(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException(dir, "the mask directory exists and is not empty; remove it or choose another");
                }
            }
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".part");
        int written = 0;
        try {
            int w = analysis.width();
            int h = analysis.height();
            for (FaceTrack t : analysis.tracks()) {
                Path trackDir = Files.createDirectories(tmp.resolve("track-" + t.id()));
                Path gridDir = gridCell > 0 ? Files.createDirectories(tmp.resolve("track-" + t.id() + "-grid" + gridCell)) : null;
                for (int f = 0; f < analysis.frames(); f++) {
                    float[] mask = t.at(f).map(tf -> HeadMasks.render(w, h, tf.head(), style)).orElseGet(() -> new float[w * h]);
                    String name = String.format("frame_%06d.png", f);
                    png(mask, w, h, trackDir.resolve(name));
                    written++;
                    if (gridDir != null) {
                        png(HeadMasks.toGrid(mask, w, h, gridCell), HeadMasks.gridSize(w, gridCell),
                                HeadMasks.gridSize(h, gridCell), gridDir.resolve(name));
                        written++;
                    }
                }
            }
            Files.deleteIfExists(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            if (Files.exists(tmp)) {
                try (Stream<Path> all = Files.walk(tmp)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    static void png(float[] mask, int width, int height, Path file) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round(Math.max(0, Math.min(1, mask[i])) * 255);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}
