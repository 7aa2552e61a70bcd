package org.talkfx.panel.ui;

import org.talkfx.cache.CacheKey;
import org.talkfx.cache.RenderCache;
import org.talkfx.inference.face.RgbFrame;
import org.talkfx.panel.model.JobProgress;
import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.model.ServiceStatus;
import org.talkfx.panel.work.CachedFrames;
import org.talkfx.panel.work.FrameGrab;
import org.talkfx.panel.work.ServiceConnection;
import org.talkfx.service.JobEvent;
import org.talkfx.service.JobState;
import org.talkfx.service.JobStatus;
import org.talkfx.service.ServiceClient;
import org.talkfx.shot.ShotSetup;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JToggleButton;
import javax.swing.SwingWorker;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.GridLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Generate and cancel through the render service, with per-window and per-step progress, an ETA, and the newest
 * generated frame read from the render cache as each window lands; "Show original" flips to the source frame.
 */
final class JobsPanel extends JPanel {
    private final PanelModel model;
    private final ServiceConnection service;
    private final Supplier<Path> cacheRoot;
    private final Consumer<Throwable> onError;
    final ServiceIndicator indicator = new ServiceIndicator();
    final JButton startService = new JButton("Start service");
    private final JLabel serviceDetail = new JLabel("checking the render service…");
    final JProgressBar windows = new JProgressBar(0, 1000);
    final JProgressBar steps = new JProgressBar(0, 1000);
    final JLabel progressText = new JLabel("No job yet");
    final JToggleButton beforeAfter = new JToggleButton("Show original");
    private final Preview preview = new Preview();
    private BufferedImage before;
    private BufferedImage after;
    private Generation running;
    /** Told true when a job starts and false when it ends (the window enables Generate / Cancel with it). */
    Consumer<Boolean> onRunning = r -> { };
    private JobStatus lastStatus;
    private int windowsLanded;

    JobsPanel(PanelModel model, ServiceConnection service, Supplier<Path> cacheRoot, Consumer<Throwable> onError) {
        super(new BorderLayout());
        this.model = model;
        this.service = service;
        this.cacheRoot = cacheRoot;
        this.onError = onError;
        JPanel top = new JPanel(new BorderLayout());
        top.setBorder(BorderFactory.createTitledBorder("Render service"));
        serviceDetail.setName("service-detail");
        top.add(serviceDetail, BorderLayout.CENTER);
        startService.setMnemonic('S');
        startService.addActionListener(e -> service.startService());
        top.add(startService, BorderLayout.EAST);
        add(top, BorderLayout.NORTH);
        JPanel bars = new JPanel(new GridLayout(0, 1));
        bars.setBorder(BorderFactory.createTitledBorder("Progress"));
        windows.setStringPainted(true);
        windows.setString("windows");
        steps.setStringPainted(true);
        steps.setString("steps");
        windows.setName("progress-windows");
        steps.setName("progress-steps");
        progressText.setName("progress-text");
        bars.add(windows);
        bars.add(steps);
        bars.add(progressText);
        beforeAfter.setName("before-after");
        beforeAfter.setMnemonic('O');
        beforeAfter.setToolTipText("Flip between the generated frame and the original (Alt+O)");
        beforeAfter.addActionListener(e -> preview.repaint());
        bars.add(beforeAfter);
        add(bars, BorderLayout.SOUTH);
        add(preview, BorderLayout.CENTER);
    }

    void showService(ServiceStatus s) {
        indicator.show(s);
        serviceDetail.setText("<html>" + escape(s.detail()) + (s.missingFiles().isEmpty() ? ""
                : "<br>" + String.join("<br>", s.missingFiles().stream().map(JobsPanel::escape).toList())) + "</html>");
        startService.setEnabled(s.state() == ServiceStatus.State.UNREACHABLE);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    boolean running() {
        return running != null;
    }

    JobStatus lastStatus() {
        return lastStatus;
    }

    int windowsLanded() {
        return windowsLanded;
    }

    BufferedImage generatedFrame() {
        return after;
    }

    /** Submits the current setup; problems and an unreachable service are dialogs that say what to do. */
    void generate() {
        if (running != null) {
            return;
        }
        List<String> problems = model.problems();
        if (!problems.isEmpty()) {
            onError.accept(new IllegalStateException("This shot cannot be generated yet:\n  " + String.join("\n  ", problems)));
            return;
        }
        Optional<ServiceClient> client = service.client();
        if (client.isEmpty()) {
            onError.accept(new IllegalStateException("The render service is not running. Press \"Start service\" on the Jobs tab "
                    + "(or run `talkfx serve`), wait for the dot to turn green, then Generate again."));
            return;
        }
        windowsLanded = 0;
        after = null;
        running = new Generation(client.get(), model.toSetup(), model.setupDir());
        onRunning.accept(true);
        running.execute();
    }

    void cancel() {
        if (running != null) {
            running.cancelJob();
        }
    }

    private void show(JobProgress.View v) {
        windows.setValue(v.windows() == 0 ? 0 : (int) (1000 * v.overall()));
        windows.setString(v.windows() == 0 ? "planning" : "window " + Math.min(v.window() + 1, v.windows()) + " of " + v.windows());
        steps.setValue(v.steps() == 0 ? 0 : 1000 * v.step() / v.steps());
        steps.setString(v.steps() == 0 ? "steps" : "step " + v.step() + " of " + v.steps());
        progressText.setText(v.text());
    }

    private record Before(BufferedImage image) {
    }

    private record After(BufferedImage image) {
    }

    /** One job: submit, follow its events, fetch landed frames; all off the event thread. */
    private final class Generation extends SwingWorker<JobStatus, Object> {
        private final ServiceClient client;
        private final ShotSetup setup;
        private final Path baseDir;
        private final JobProgress progress = new JobProgress(System::nanoTime);
        private volatile String jobId;
        private volatile boolean cancelRequested;

        Generation(ServiceClient client, ShotSetup setup, Path baseDir) {
            this.client = client;
            this.setup = setup;
            this.baseDir = baseDir;
            progressText.setText("submitting…");
        }

        void cancelJob() {
            cancelRequested = true;
            progressText.setText("cancelling…");
            Thread t = new Thread(() -> {
                try {
                    if (jobId != null) {
                        client.cancel(jobId);
                    }
                } catch (Exception e) {
                    javax.swing.SwingUtilities.invokeLater(() -> onError.accept(e));
                }
            }, "talkfx-panel-cancel");
            t.setDaemon(true);
            t.start();
        }

        @Override
        protected JobStatus doInBackground() throws Exception {
            Path src = setup.source().media() == null ? null : ShotSetup.resolve(baseDir, setup.source().media());
            RgbFrame first = null;
            if (src != null) {
                first = FrameGrab.frame(src, setup.source().inFrame(), model.sourceFps());
                publish(new Before(FrameGrab.toImage(first)));
            }
            JobStatus job = client.submit(setup, baseDir, 0);
            jobId = job.id();
            if (cancelRequested) {
                client.cancel(jobId);
            }
            publish(job);
            RenderCache cache = new RenderCache(cacheRoot.get(), Long.MAX_VALUE);
            int w = first == null ? 16 : first.width();
            int h = first == null ? 9 : first.height();
            return client.follow(job.id(), ev -> {
                publish(ev.status() != null ? ev.status() : ev);
                if ("window".equals(ev.type()) && ev.cacheKey() != null) {
                    CachedFrames.frame(cache, new CacheKey(ev.cacheKey()), 0, w, h).ifPresent(f -> publish(new After(FrameGrab.toImage(f))));
                }
            });
        }

        @Override
        protected void process(List<Object> chunks) {
            for (Object o : chunks) {
                if (o instanceof JobStatus s) {
                    lastStatus = s;
                    show(progress.update(s));
                } else if (o instanceof Before b) {
                    before = b.image();
                    preview.repaint();
                } else if (o instanceof After a) {
                    after = a.image();
                    windowsLanded++;
                    preview.repaint();
                } else if (o instanceof JobEvent e && e.status() == null) {
                    progressText.setText(e.type());
                }
            }
        }

        @Override
        protected void done() {
            running = null;
            onRunning.accept(false);
            try {
                JobStatus end = get();
                lastStatus = end;
                show(progress.update(end));
                if (end.state() == JobState.FAILED) {
                    ServiceStatus s = ServiceStatus.fromError(end.error());
                    if (s.state() == ServiceStatus.State.MISSING_MODELS) {
                        service.report(s);
                    }
                    onError.accept(new IllegalStateException("Generation failed: " + end.error()));
                }
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                progressText.setText("failed: " + cause.getMessage());
                onError.accept(cause);
            }
        }
    }

    private final class Preview extends JComponent {
        Preview() {
            setName("generated-preview");
        }

        @Override
        public Dimension getPreferredSize() {
            FontMetrics fm = getFontMetrics(getFont());
            return new Dimension(fm.charWidth('m') * 40, fm.getHeight() * 16);
        }

        @Override
        protected void paintComponent(Graphics g) {
            g.setColor(new Color(0x202020));
            g.fillRect(0, 0, getWidth(), getHeight());
            boolean original = beforeAfter.isSelected();
            BufferedImage img = original ? before : after;
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.LIGHT_GRAY);
            String label = original ? "Original" : after == null ? "Generated frames appear here as windows land" : "Generated (newest window)";
            g.drawString(label, fm.charWidth('m'), fm.getAscent());
            if (img != null) {
                int top = fm.getHeight() + 2;
                double s = Math.min(getWidth() / (double) img.getWidth(), (getHeight() - top) / (double) img.getHeight());
                int w = (int) (img.getWidth() * s);
                int h = (int) (img.getHeight() * s);
                g.drawImage(img, (getWidth() - w) / 2, top, w, h, null);
            }
        }
    }
}
