package org.talkfx.panel.ui;

import org.talkfx.cache.EntryWriter;
import org.talkfx.service.JobExecutor;
import org.talkfx.service.JobHandle;
import org.talkfx.service.ShotInputs;
import org.talkfx.service.WindowContext;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real engine for the window test, small enough for a CPU: three windows of four frames made from the source
 * image at quarter size, tinted per window, with four sampler steps each (so progress and cancel are real).
 */
public final class TintExecutor implements JobExecutor {
    static final int WINDOWS = 3;
    static final int STEPS = 4;
    static final int FRAMES = 4;

    private final AtomicBoolean holdFirstJob;

    public TintExecutor() {
        this(false);
    }

    /**
     * @param holdFirstJob the first job stops after its first step until it is cancelled (at most two minutes), so a
     *                     scenario can cancel a job that is certainly still running: on a loaded machine a 1.4 s job
     *                     finished while the scenario was still taking its screenshot
     */
    TintExecutor(boolean holdFirstJob) {
        this.holdFirstJob = new AtomicBoolean(holdFirstJob);
    }

    private static void holdUntilCancelled(JobHandle handle) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            handle.checkCancelled();
            Thread.sleep(50);
        }
    }

    @Override
    public String name() {
        return "tint-test";
    }

    @Override
    public String modelIdentity(ShotInputs inputs) {
        return "tint-test/1";
    }

    @Override
    public int windowCount(ShotInputs inputs) {
        return WINDOWS;
    }

    @Override
    public void generateWindow(ShotInputs inputs, WindowContext window, EntryWriter out, JobHandle handle) throws Exception {
        BufferedImage src = ImageIO.read(inputs.source().toFile());
        int w = Math.max(1, src.getWidth() / 4);
        int h = Math.max(1, src.getHeight() / 4);
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        for (int step = 1; step <= STEPS; step++) {
            handle.checkCancelled();
            Thread.sleep(120);
            handle.step(step, STEPS);
            if (step == 1 && holdFirstJob.compareAndSet(true, false)) {
                holdUntilCancelled(handle);
            }
        }
        for (int f = 0; f < FRAMES; f++) {
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = small.getRGB(x, y);
                    int i = 3 * (y * w + x);
                    rgb[i] = (byte) (255 - (p >> 16 & 0xff));              // inverted red: unmistakably generated
                    rgb[i + 1] = (byte) ((p >> 8 & 0xff) * (window.index() + 1) / WINDOWS);
                    rgb[i + 2] = (byte) (p & 0xff);
                }
            }
            out.writeFrameRgb(f, rgb);
        }
    }
}
