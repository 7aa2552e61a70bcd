package org.talkfx.panel.ui;

import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.model.PeakCache;
import org.talkfx.panel.model.RecentFiles;
import org.talkfx.panel.model.Timecodes;
import org.talkfx.panel.work.ServiceConnection;
import org.talkfx.shot.Mode;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.Source;
import org.talkfx.timeline.PlacedItem;
import org.talkfx.timeline.TimeRange;

import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.FontMetrics;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The TalkFX panel: timeline audio to speakers, heads, jobs and the batch queue, around one {@link PanelModel}.
 * Every file operation and every decode runs on a worker thread; the event thread only edits the model and paints.
 */
public final class PanelWindow extends JFrame {
    final PanelModel model;
    private final PanelOptions options;
    private final RecentFiles recent;
    private final PeakCache peaks = new PeakCache();
    private final ServiceConnection service;
    final SpeakerPicker picker = new SpeakerPicker();
    final TimelineView timeline;
    final SpeakersPanel speakers;
    final HeadsPanel heads;
    final JobsPanel jobs;
    final BatchPanel batch;
    final JTabbedPane tabs = new JTabbedPane();
    private final JComboBox<EffectChoice> effectClip = new JComboBox<>();
    private final JTextArea issues = new JTextArea(3, 40);
    private final JLabel problems = new JLabel(" ");
    private final JMenu recentMenu = new JMenu("Open recent");
    private final Timer poll;
    private final List<SwingWorker<?, ?>> loads = new ArrayList<>();
    final Action save;
    final Action generate;
    final Action cancel;

    private record EffectChoice(String label, TimeRange range) {
        @Override
        public String toString() {
            return label;
        }
    }

    public PanelWindow(PanelModel model, PanelOptions options) {
        super("TalkFX");
        this.model = model;
        this.options = options;
        this.recent = new RecentFiles(options.configDir());
        Consumer<Throwable> onError = e -> ErrorDialogs.show(this, e);
        service = new ServiceConnection(options.serviceStateDir(), s -> SwingUtilities.invokeLater(() -> showService(s)));
        timeline = new TimelineView(model, peaks, picker::active);
        speakers = new SpeakersPanel(model);
        heads = new HeadsPanel(model, picker::active, onError);
        jobs = new JobsPanel(model, service, options::cacheRoot, onError);
        batch = new BatchPanel(service, onError);

        save = action("Save", KeyEvent.VK_S, KeyStroke.getKeyStroke(KeyEvent.VK_S, InputEvent.CTRL_DOWN_MASK), e -> save(false));
        Action saveAs = action("Save as…", KeyEvent.VK_A, KeyStroke.getKeyStroke(KeyEvent.VK_S, InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK), e -> save(true));
        Action open = action("Open setup…", KeyEvent.VK_O, KeyStroke.getKeyStroke(KeyEvent.VK_O, InputEvent.CTRL_DOWN_MASK), e -> chooseAndOpen());
        Action newFrom = action("New from source…", KeyEvent.VK_N, KeyStroke.getKeyStroke(KeyEvent.VK_N, InputEvent.CTRL_DOWN_MASK), e -> newFromSource());
        Action importTl = action("Import timeline (OTIO)…", KeyEvent.VK_I, KeyStroke.getKeyStroke(KeyEvent.VK_I, InputEvent.CTRL_DOWN_MASK), e -> chooseTimeline());
        Action addAudio = action("Add audio file…", KeyEvent.VK_U, KeyStroke.getKeyStroke(KeyEvent.VK_A, InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK), e -> chooseAudio());
        Action quit = action("Quit", KeyEvent.VK_Q, KeyStroke.getKeyStroke(KeyEvent.VK_Q, InputEvent.CTRL_DOWN_MASK), e -> closeWindow());
        generate = action("Generate", KeyEvent.VK_G, KeyStroke.getKeyStroke(KeyEvent.VK_G, InputEvent.CTRL_DOWN_MASK), e -> {
            tabs.setSelectedIndex(2);
            jobs.generate();
        });
        cancel = action("Cancel generation", KeyEvent.VK_C, KeyStroke.getKeyStroke(KeyEvent.VK_PERIOD, InputEvent.CTRL_DOWN_MASK), e -> jobs.cancel());
        cancel.setEnabled(false);
        jobs.onRunning = r -> {
            generate.setEnabled(!r);
            cancel.setEnabled(r);
        };
        Action startService = action("Start render service", KeyEvent.VK_R, null, e -> service.startService());
        Action toggle = action("Show original / generated", KeyEvent.VK_B, KeyStroke.getKeyStroke(KeyEvent.VK_B, InputEvent.CTRL_DOWN_MASK), e -> jobs.beforeAfter.doClick());
        Action detect = action("Detect heads", KeyEvent.VK_D, KeyStroke.getKeyStroke(KeyEvent.VK_D, InputEvent.CTRL_DOWN_MASK), e -> {
            tabs.setSelectedIndex(1);
            heads.scan();
        });

        JMenuBar bar = new JMenuBar();
        JMenu file = menu("File", KeyEvent.VK_F, newFrom, open);
        file.add(recentMenu);
        recentMenu.setMnemonic(KeyEvent.VK_R);
        file.addSeparator();
        file.add(new JMenuItem(save));
        file.add(new JMenuItem(saveAs));
        file.addSeparator();
        file.add(new JMenuItem(importTl));
        file.add(new JMenuItem(addAudio));
        file.addSeparator();
        file.add(new JMenuItem(quit));
        bar.add(file);
        bar.add(menu("Heads", KeyEvent.VK_H, detect));
        bar.add(menu("Jobs", KeyEvent.VK_J, generate, cancel, startService, toggle));
        setJMenuBar(bar);

        tabs.addTab("Timeline audio", timelineTab(importTl, addAudio));
        tabs.addTab("Heads", heads);
        tabs.addTab("Jobs", jobs);
        tabs.addTab("Batch", batch);
        tabs.setMnemonicAt(0, KeyEvent.VK_T);
        tabs.setMnemonicAt(1, KeyEvent.VK_E);
        tabs.setMnemonicAt(2, KeyEvent.VK_J);
        tabs.setMnemonicAt(3, KeyEvent.VK_B);

        JPanel north = new JPanel(new BorderLayout());
        north.add(picker, BorderLayout.WEST);
        JButton gen = new JButton(generate);
        gen.setName("generate");
        JButton can = new JButton(cancel);
        can.setName("cancel");
        JPanel run = new JPanel(new FlowLayout(FlowLayout.TRAILING));
        run.add(jobs.indicator);
        run.add(gen);
        run.add(can);
        north.add(run, BorderLayout.EAST);
        problems.setName("problems");
        problems.setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6));
        getContentPane().add(north, BorderLayout.NORTH);
        getContentPane().add(tabs, BorderLayout.CENTER);
        getContentPane().add(problems, BorderLayout.SOUTH);
        picker.bindKeys(getRootPane());

        model.addListener(c -> {
            refreshTitle();
            if (c == PanelModel.Change.TIMELINE) {
                refreshTimelineControls();
            }
        });
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                closeWindow();
            }
        });
        poll = new Timer(2000, e -> batch.refreshFromService());
        poll.start();
        refreshRecent();
        refreshTitle();
        FontMetrics fm = getFontMetrics(getFont() != null ? getFont() : new JLabel().getFont());
        setPreferredSize(new Dimension(fm.charWidth('m') * 110, fm.getHeight() * 48));
        pack();
        setLocationByPlatform(true);
        service.watch();
        heads.showFrame();
    }

    private JPanel timelineTab(Action importTl, Action addAudio) {
        JPanel p = new JPanel(new BorderLayout());
        JPanel tools = new JPanel(new FlowLayout(FlowLayout.LEADING));
        tools.add(new JButton(importTl));
        tools.add(new JButton(addAudio));
        JLabel effLabel = new JLabel("Effect clip:");
        effLabel.setDisplayedMnemonic('L');
        effLabel.setLabelFor(effectClip);
        tools.add(effLabel);
        effectClip.setName("effect-clip");
        effectClip.addActionListener(e -> {
            EffectChoice c = (EffectChoice) effectClip.getSelectedItem();
            if (c != null && model.effectRange() != null && !c.range().equals(model.effectRange())) {
                model.setEffectRange(c.range());
            }
        });
        tools.add(effectClip);
        p.add(tools, BorderLayout.NORTH);
        issues.setEditable(false);
        issues.setName("import-issues");
        JPanel south = new JPanel(new BorderLayout());
        south.add(speakers, BorderLayout.NORTH);
        JScrollPane is = new JScrollPane(issues);
        is.setBorder(BorderFactory.createTitledBorder("Import notes"));
        south.add(is, BorderLayout.CENTER);
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(timeline), south);
        split.setResizeWeight(0.6);
        p.add(split, BorderLayout.CENTER);
        return p;
    }

    private Action action(String name, int mnemonic, KeyStroke key, Consumer<ActionEvent> body) {
        Action a = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                body.accept(e);
            }
        };
        a.putValue(Action.MNEMONIC_KEY, mnemonic);
        if (key != null) {
            a.putValue(Action.ACCELERATOR_KEY, key);
        }
        return a;
    }

    private static JMenu menu(String name, int mnemonic, Action... actions) {
        JMenu m = new JMenu(name);
        m.setMnemonic(mnemonic);
        for (Action a : actions) {
            m.add(new JMenuItem(a));
        }
        return m;
    }

    private void showService(org.talkfx.panel.model.ServiceStatus s) {
        jobs.showService(s);
    }

    private void refreshTitle() {
        Path f = model.setupFile();
        setTitle("TalkFX — " + (f == null ? "new shot" : f.getFileName()) + (model.dirty() ? " *" : ""));
        List<String> p = model.problems();
        problems.setText(p.isEmpty() ? "Ready to generate" : "⚠ " + p.get(0) + (p.size() > 1 ? " (+" + (p.size() - 1) + " more)" : ""));
        problems.setToolTipText(p.isEmpty() ? null : "<html>" + String.join("<br>", p) + "</html>");
    }

    private void refreshTimelineControls() {
        var tl = model.timeline();
        DefaultComboBoxModel<EffectChoice> m = new DefaultComboBoxModel<>();
        EffectChoice selected = null;
        m.addElement(new EffectChoice("Whole timeline", PanelModel.wholeTimeline(tl)));
        for (PlacedItem p : PanelModel.effectCandidates(tl)) {
            EffectChoice c = new EffectChoice(p.name() + " (" + p.trackName() + " @ " + Timecodes.offset(p.timelineRange().start().seconds(), tl.rate()) + ")", p.timelineRange());
            m.addElement(c);
            if (c.range().equals(model.effectRange())) {
                selected = c;
            }
        }
        effectClip.setModel(m);
        effectClip.setSelectedItem(selected != null ? selected : m.getElementAt(0));
        issues.setText(model.importIssues().isEmpty() ? "No problems in " + tl.file().getFileName() : String.join("\n", model.importIssues()));
        batch.setTimeline(tl);
    }

    private void refreshRecent() {
        recentMenu.removeAll();
        List<Path> files = recent.list();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            JMenuItem item = new JMenuItem((i + 1) + " " + f);
            if (i < 9) {
                item.setMnemonic(KeyEvent.VK_1 + i);
            }
            item.addActionListener(e -> open(f));
            recentMenu.add(item);
        }
        recentMenu.setEnabled(!files.isEmpty());
    }

    // ---- file operations (parsing on workers, model updates on the event thread) ------------------------------

    private <T> void load(java.util.concurrent.Callable<T> work, Consumer<T> then) {
        SwingWorker<T, Void> w = new SwingWorker<>() {
            @Override
            protected T doInBackground() throws Exception {
                return work.call();
            }

            @Override
            protected void done() {
                loads.remove(this);
                try {
                    then.accept(get());
                } catch (java.util.concurrent.ExecutionException e) {
                    ErrorDialogs.show(PanelWindow.this, e.getCause());
                } catch (Exception e) {
                    ErrorDialogs.show(PanelWindow.this, e);
                }
            }
        };
        loads.add(w);
        w.execute();
    }

    /** True while a file is being read in the background (for tests waiting on the window). */
    boolean loading() {
        return !loads.isEmpty();
    }

    /** Opens a setup (read and validated on a worker). */
    public void open(Path file) {
        load(() -> new org.talkfx.shot.ShotSetupFile().load(file), s -> {
            model.open(file, s);
            remember(file);
        });
    }

    /** Imports an OTIO timeline (parsed on a worker, then applied). */
    public void importTimeline(Path otio) {
        load(() -> org.talkfx.timeline.OtioReader.read(otio), tl -> {
            model.useTimeline(tl);
            tabs.setSelectedIndex(0);
        });
    }

    private void remember(Path file) {
        try {
            recent.add(file);
        } catch (java.io.IOException e) {
            problems.setText("Could not remember " + file + " in " + recent.file() + ": " + e.getMessage());
        }
        refreshRecent();
    }

    private void chooseAndOpen() {
        JFileChooser fc = chooser();
        if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            open(fc.getSelectedFile().toPath());
        }
    }

    private void chooseTimeline() {
        JFileChooser fc = chooser();
        fc.setFileFilter(new javax.swing.filechooser.FileNameExtensionFilter("OpenTimelineIO (*.otio)", "otio"));
        if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            importTimeline(fc.getSelectedFile().toPath());
        }
    }

    private void chooseAudio() {
        JFileChooser fc = chooser();
        fc.setDialogTitle("Add audio (placed at the playhead)");
        if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            model.addAudioFile(fc.getSelectedFile().toPath(), model.secondsOfFrame(model.playheadFrame()));
        }
    }

    private void newFromSource() {
        JFileChooser fc = chooser();
        fc.setDialogTitle("Choose the source video or image");
        if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            Path src = fc.getSelectedFile().toPath();
            PanelModel fresh = PanelModel.forSource(src, 25.0);
            PanelWindow w = new PanelWindow(fresh, options);
            w.setVisible(true);
        }
    }

    private JFileChooser chooser() {
        return new JFileChooser(model.setupDir().toFile());
    }

    /** Saves to the current file, or asks where (also when {@code askWhere}); returns false when nothing was written. */
    boolean save(boolean askWhere) {
        Path target = model.setupFile();
        if (askWhere || target == null) {
            JFileChooser fc = chooser();
            fc.setSelectedFile(model.setupDir().resolve("shot.talkfx.json").toFile());
            if (fc.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
                return false;
            }
            target = fc.getSelectedFile().toPath();
        }
        List<String> p = model.problems();
        if (!p.isEmpty()) {
            ErrorDialogs.show(this, new IllegalStateException("Not saved: the setup has problems. Fix them, then save again:\n  "
                    + String.join("\n  ", p)));
            return false;
        }
        try {
            model.save(target);    // small JSON, fsync'd: quick enough for the event thread, and keeps ordering simple
            remember(target);
            return true;
        } catch (Exception e) {
            ErrorDialogs.show(this, e);
            return false;
        }
    }

    private void closeWindow() {
        if (model.dirty()) {
            int a = JOptionPane.showConfirmDialog(this, "Save the changes to this shot?", "TalkFX", JOptionPane.YES_NO_CANCEL_OPTION);
            if (a == JOptionPane.CANCEL_OPTION || a == JOptionPane.CLOSED_OPTION || (a == JOptionPane.YES_OPTION && !save(false))) {
                return;
            }
        }
        dispose();
    }

    @Override
    public void dispose() {
        poll.stop();
        heads.dispose();
        peaks.close();
        service.close();
        super.dispose();
    }

    /** A new, empty model for when the panel starts without a setup or a source. */
    public static PanelModel emptyModel() {
        return new PanelModel(ShotSetup.of(Mode.DUB_VIDEO, new Source(null, null, null, null), List.of()));
    }
}
