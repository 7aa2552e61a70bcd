package org.talkfx.ofx.describe;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;
import org.talkfx.ofx.effect.OfxEffect;
import org.talkfx.ofx.effect.OfxEffects;

/**
 * Build step (bridge-native's pom): writes talkfx-describe.tsv and one {@code <pluginIdentifier>.png} icon per
 * effect into the bundle's Contents/Resources directory given as the only argument.
 */
public final class DescriptionExport {
    public static final String FILE_NAME = "talkfx-describe.tsv";

    private DescriptionExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DescriptionExport <bundle>/Contents/Resources");
        }
        System.setProperty("java.awt.headless", "true");
        Path resources = Path.of(args[0]);
        Files.createDirectories(resources);
        Map<String, OfxEffect> effects = OfxEffects.byIdentifier(DescriptionExport.class.getClassLoader());
        if (effects.isEmpty()) {
            throw new IllegalStateException("no OfxEffect services on the class path");
        }
        writeAtomically(resources.resolve(FILE_NAME),
                DescriptionRecorder.record(effects.values()).getBytes(StandardCharsets.UTF_8));
        for (String id : effects.keySet()) {
            Path icon = resources.resolve(id + ".png");
            Path tmp = resources.resolve(id + ".png.tmp");
            ImageIO.write(icon(), "png", tmp.toFile());
            Files.move(tmp, icon, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void writeAtomically(Path file, byte[] content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** 128x128 RGBA, as OFX asks: a speech wave over a dark gradient; drawn, so no font is needed. */
    static BufferedImage icon() {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0x1d2b53), 128, 128, new Color(0x7e2553)));
            g.fillRoundRect(0, 0, 128, 128, 28, 28);
            g.setColor(new Color(0xffccaa));
            g.setStroke(new BasicStroke(7, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D wave = new Path2D.Double();
            wave.moveTo(18, 64);
            for (int x = 18; x <= 110; x += 2) {
                double envelope = Math.sin(Math.PI * (x - 18) / 92.0);
                wave.lineTo(x, 64 - 34 * envelope * Math.sin((x - 18) / 6.0));
            }
            g.draw(wave);
        } finally {
            g.dispose();
        }
        return image;
    }
}
