package org.talkfx.panel.ui;

import org.talkfx.inference.face.FaceAnalysis;
import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.work.FrameGrab;
import org.talkfx.panel.work.HeadScan;
import org.talkfx.shot.Region;
import org.talkfx.shot.RegionKind;
import org.talkfx.shot.ShotSetup;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSlider;
import javax.swing.SwingWorker;
import java.awt.BorderLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The heads tab: preview with heads (decoded and detected on worker threads, cancelled when superseded), region
 * choice, and feather/expand sliders whose overlay follows live.
 */
final class HeadsPanel extends JPanel {
    private final PanelModel model;
    private final Consumer<Throwable> onError;
    final HeadsView view;
    final JRadioButton whole = new JRadioButton("Whole frame");
    final JRadioButton headsOnly = new JRadioButton("Heads only");
    final JRadioButton maskClip = new JRadioButton("Mask clip");
    final JSlider feather = new JSlider(0, 128, 8);
    final JSlider expand = new JSlider(-64, 64, 0);
    final JButton detect = new JButton("Detect heads");
    final JButton cancel = new JButton("Cancel");
    private final JLabel status = new JLabel(" ");
    private FaceAnalysis analysis;
    private SwingWorker<?, ?> frameJob;
    private SwingWorker<?, ?> scanJob;
    private final AtomicBoolean scanCancelled = new AtomicBoolean();
    private boolean updating;
    private boolean scanning;

    HeadsPanel(PanelModel model, IntSupplier activeSpeaker, Consumer<Throwable> onError) {
        super(new BorderLayout());
        this.model = model;
        this.onError = onError;
        view = new HeadsView(model, activeSpeaker);
        add(view, BorderLayout.CENTER);
        JPanel side = new JPanel();
        side.setLayout(new BoxLayout(side, BoxLayout.Y_AXIS));
        side.setBorder(BorderFactory.createTitledBorder("Region"));
        ButtonGroup g = new ButtonGroup();
        whole.setMnemonic('W');
        headsOnly.setMnemonic('H');
        maskClip.setMnemonic('K');
        for (JRadioButton b : List.of(whole, headsOnly, maskClip)) {
            g.add(b);
            side.add(b);
            b.addActionListener(e -> applyRegion());
        }
        whole.setName("region-whole");
        headsOnly.setName("region-heads");
        maskClip.setName("region-mask");
        JButton maskFile = new JButton("Mask file…");
        maskFile.addActionListener(e -> chooseMask());
        side.add(maskFile);
        side.add(new JLabel("Feather (px)"));
        feather.setName("feather");
        feather.setMajorTickSpacing(32);
        feather.setPaintLabels(true);
        side.add(feather);
        side.add(new JLabel("Expand (px)"));
        expand.setName("expand");
        expand.setMajorTickSpacing(32);
        expand.setPaintLabels(true);
        side.add(expand);
        feather.addChangeListener(e -> applyRegion());
        expand.addChangeListener(e -> applyRegion());
        side.add(Box.createVerticalStrut(getFontMetrics(getFont()).getHeight()));
        detect.setMnemonic('T');
        detect.setToolTipText("Find and track the faces of the source (Alt+T)");
        detect.addActionListener(e -> scan());
        cancel.addActionListener(e -> scanCancelled.set(true));
        cancel.setEnabled(false);
        side.add(detect);
        side.add(cancel);
        side.add(status);
        add(side, BorderLayout.EAST);
        model.addListener(c -> {
            if (c == PanelModel.Change.DOCUMENT) {
                analysis = null;
                refreshControls();
                showFrame();
            } else if (c == PanelModel.Change.PLAYHEAD) {
                showFrame();
            } else if (c == PanelModel.Change.REGION) {
                refreshControls();
            }
        });
        refreshControls();
    }

    private void refreshControls() {
        updating = true;
        Region r = model.region();
        whole.setSelected(r.kind() == RegionKind.WHOLE_FRAME);
        headsOnly.setSelected(r.kind() == RegionKind.HEADS_ONLY);
        maskClip.setSelected(r.kind() == RegionKind.MASK_CLIP);
        feather.setValue((int) Math.round(r.feather()));
        expand.setValue((int) Math.round(r.expand()));
        updating = false;
    }

    private void applyRegion() {
        if (updating) {
            return;
        }
        RegionKind kind = headsOnly.isSelected() ? RegionKind.HEADS_ONLY : maskClip.isSelected() ? RegionKind.MASK_CLIP : RegionKind.WHOLE_FRAME;
        model.setRegion(new Region(kind, (double) feather.getValue(), (double) expand.getValue(), model.region().maskMedia()));
    }

    private void chooseMask() {
        JFileChooser fc = new JFileChooser(model.setupDir().toFile());
        if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            Region r = model.region();
            model.setRegion(new Region(RegionKind.MASK_CLIP, r.feather(), r.expand(), fc.getSelectedFile().getAbsolutePath()));
        }
    }

    private Path source() {
        String media = model.base().source().media();
        return media == null ? null : ShotSetup.resolve(model.setupDir(), media);
    }

    boolean busy() {
        return scanning || (frameJob != null && !frameJob.isDone());
    }

    /** Decodes the frame under the playhead (superseding any decode in flight). */
    void showFrame() {
        Path src = source();
        if (src == null) {
            view.showFrame(null, List.of(), "The setup names no source media");
            return;
        }
        if (frameJob != null) {
            frameJob.cancel(true);
        }
        long frame = model.playheadFrame();
        double fps = model.sourceFps();
        frameJob = new SwingWorker<BufferedImage, Void>() {
            @Override
            protected BufferedImage doInBackground() {
                return FrameGrab.toImage(FrameGrab.frame(src, frame, fps));
            }

            @Override
            protected void done() {
                if (isCancelled()) {
                    return;
                }
                try {
                    view.showFrame(get(), analysis == null ? List.of() : HeadScan.headsAt(analysis, (int) (frame - model.base().source().inFrame())),
                            src.getFileName() + " at frame " + frame + (analysis == null ? " (heads not detected yet: Detect heads)" : ""));
                } catch (Exception e) {
                    view.showFrame(null, List.of(), "Cannot show the source frame");
                    onError.accept(e.getCause() != null ? e.getCause() : e);
                }
            }
        };
        frameJob.execute();
    }

    /** Finds and tracks the faces of the source's shot range in the background. */
    void scan() {
        Path src = source();
        if (src == null || scanning) {
            return;
        }
        scanning = true;
        scanCancelled.set(false);
        detect.setEnabled(false);
        cancel.setEnabled(true);
        status.setText("Detecting heads…");
        long in = model.base().source().inFrame();
        Long out = model.base().source().outFrame();
        double fps = model.sourceFps();
        scanJob = new SwingWorker<FaceAnalysis, Void>() {
            @Override
            protected FaceAnalysis doInBackground() {
                return HeadScan.scan(src, in, out == null ? -1 : out, fps, scanCancelled::get);
            }

            @Override
            protected void done() {
                scanning = false;
                detect.setEnabled(true);
                cancel.setEnabled(false);
                try {
                    if (scanCancelled.get()) {
                        status.setText("Detection cancelled");
                        return;
                    }
                    analysis = get();
                    status.setText(analysis.noFaceFound() ? "No face found" : analysis.tracks().size() + " head track(s)");
                    if (analysis.noFaceFound()) {
                        view.setMessage(analysis.noFaceAdvice());
                    }
                    showFrame();
                } catch (Exception e) {
                    status.setText("Detection failed");
                    onError.accept(e.getCause() != null ? e.getCause() : e);
                }
            }
        };
        scanJob.execute();
    }

    FaceAnalysis analysis() {
        return analysis;
    }

    void dispose() {
        scanCancelled.set(true);
        if (frameJob != null) {
            frameJob.cancel(true);
        }
    }

}
