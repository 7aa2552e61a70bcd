package org.talkfx.cli.render;

import org.talkfx.common.BadInputException;
import org.talkfx.media.AudioFileWriter;
import org.talkfx.media.PcmAudio;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** The demo's own sample inputs: a portrait and a spoken sentence. */
final class DemoInputs {
    static final String SENTENCE = "Hello! This is TalkFX.";

    private DemoInputs() {
    }

    /** scikit-image's astronaut portrait if scripts/install-test-deps fetched it, else a drawn face. */
    static Path portrait(Path dir, StringBuilder notes) throws IOException {
        Path target = dir.resolve("portrait.png");
        String root = System.getProperty("talkfx.root", ".");
        Path astronaut = Path.of(root, "deps", "images", "astronaut.png");
        if (Files.isRegularFile(astronaut)) {
            Files.copy(astronaut, target, StandardCopyOption.REPLACE_EXISTING);
            notes.append("portrait: scikit-image's astronaut.png\n");
            return target;
        }
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(70, 110, 160));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(60, 40, 30));
        g.fillOval(58, 30, 140, 120);
        g.setColor(new Color(230, 190, 160));
        g.fillOval(68, 50, 120, 150);
        g.fillRect(108, 190, 40, 40);
        g.setColor(new Color(90, 60, 140));
        g.fillRoundRect(40, 222, 176, 60, 40, 40);
        g.setColor(Color.WHITE);
        g.fillOval(93, 105, 24, 14);
        g.fillOval(140, 105, 24, 14);
        g.setColor(new Color(50, 30, 20));
        g.fillOval(100, 106, 11, 11);
        g.fillOval(147, 106, 11, 11);
        g.setStroke(new BasicStroke(3));
        g.drawLine(128, 120, 122, 148);
        g.setColor(new Color(170, 60, 70));
        g.fillOval(110, 160, 36, 14);
        g.dispose();
        ImageIO.write(img, "png", target.toFile());
        notes.append("portrait: a drawn face (run scripts/install-test-deps for a photo)\n");
        return target;
    }

    /** espeak-ng speaking {@link #SENTENCE}, or a voice-like tone when espeak-ng is not installed. */
    static Path speech(Path dir, StringBuilder notes) {
        Path target = dir.resolve("speech.wav");
        try {
            Process p = new ProcessBuilder("espeak-ng", "-s", "150", "-w", target.toString(), SENTENCE)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(target) > 1000) {
                notes.append("speech: espeak-ng saying \"").append(SENTENCE).append("\"\n");
                return target;
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // espeak-ng is not installed: fall back to the tone below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while running espeak-ng");
        }
        float[] s = new float[16000 * 2];
        for (int i = 0; i < s.length; i++) {
            double t = i / 16000.0;
            double syllables = Math.max(0, Math.sin(2 * Math.PI * 3.0 * t));
            double voice = Math.sin(2 * Math.PI * 140 * t) + 0.5 * Math.sin(2 * Math.PI * 280 * t)
                    + 0.25 * Math.sin(2 * Math.PI * 700 * t);
            s[i] = (float) (0.25 * syllables * voice);
        }
        AudioFileWriter.write(target, PcmAudio.mono(s, 16000));
        notes.append("speech: espeak-ng is not installed, so a generated voice-like tone is used instead\n");
        return target;
    }
}
