package org.talkfx.panel.ui;

import org.talkfx.panel.model.Lane;
import org.talkfx.panel.model.LaneClip;
import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.model.PeakCache;
import org.talkfx.panel.model.Peaks;
import org.talkfx.panel.model.Timecodes;
import org.talkfx.shot.FrameRange;
import org.talkfx.timeline.TimeRange;
import org.talkfx.timeline.TrackKind;

import javax.swing.JComponent;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The lanes of audio clips under the effect's clip, drawn with their waveforms in their speaker's colour. Click a
 * clip to give it to the active speaker (click again to release it), right-click for a menu, drop a speaker button
 * on it. On the ruler: click to move the playhead, drag to mark an exclude range, right-click one to remove it.
 * All sizes derive from the font, so the view follows the system scale.
 */
final class TimelineView extends JComponent {
    /** Clips without a timeline range (hand-added) show this long until their waveform says how long they are. */
    private static final double UNKNOWN_LENGTH = 2.0;

    private final PanelModel model;
    private final PeakCache peaks;
    private final IntSupplier activeSpeaker;
    private final Map<Path, Peaks> loaded = new HashMap<>();
    private final Map<Path, String> failed = new HashMap<>();
    private final List<Hit> hits = new ArrayList<>();
    private double t0;
    private double t1 = 1;
    /** The clip the keyboard acts on (Left/Right/Home choose, Enter/Space assign, Delete releases). */
    private String selectedId;
    private int dragFromX = -1;
    private int dragToX = -1;

    private record Hit(Rectangle box, LaneClip clip) {
    }

    TimelineView(PanelModel model, PeakCache peaks, IntSupplier activeSpeaker) {
        this.model = model;
        this.peaks = peaks;
        this.activeSpeaker = activeSpeaker;
        setName("timeline");
        setFocusable(true);
        setToolTipText("");
        model.addListener(c -> {
            requestPeaks();
            revalidate();
            repaint();
        });
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                requestFocusInWindow();
                if (e.getY() < rulerHeight()) {
                    if (SwingUtilities.isRightMouseButton(e)) {
                        model.removeExcludeAt(model.frameAtSeconds(timeAt(e.getX())));
                    } else {
                        dragFromX = dragToX = e.getX();
                    }
                    return;
                }
                LaneClip c = clipAt(e.getX(), e.getY());
                if (c == null) {
                    return;
                }
                if (SwingUtilities.isRightMouseButton(e) || e.isPopupTrigger()) {
                    speakerMenu(c).show(TimelineView.this, e.getX(), e.getY());
                } else {
                    int s = activeSpeaker.getAsInt();
                    model.assign(c, model.speakerOf(c) == s ? 0 : s);
                }
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                if (dragFromX >= 0) {
                    dragToX = e.getX();
                    repaint();
                }
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                if (dragFromX < 0) {
                    return;
                }
                int a = Math.min(dragFromX, dragToX);
                int b = Math.max(dragFromX, dragToX);
                dragFromX = dragToX = -1;
                if (b - a < getFontMetrics(getFont()).charWidth('m') / 2) {
                    model.setPlayheadFrame(model.frameAtSeconds(timeAt(b)));
                } else {
                    model.addExclude(model.frameAtSeconds(timeAt(a)), model.frameAtSeconds(timeAt(b)) + 1);
                }
                repaint();
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        bindKeys();
        addFocusListener(new java.awt.event.FocusAdapter() {
            @Override
            public void focusGained(java.awt.event.FocusEvent e) {
                repaint();
            }

            @Override
            public void focusLost(java.awt.event.FocusEvent e) {
                repaint();
            }
        });
        setTransferHandler(new TransferHandler() {
            @Override
            public boolean canImport(TransferSupport s) {
                return s.isDataFlavorSupported(DataFlavor.stringFlavor);
            }

            @Override
            public boolean importData(TransferSupport s) {
                try {
                    int speaker = SpeakerPicker.parseDrop((String) s.getTransferable().getTransferData(DataFlavor.stringFlavor));
                    LaneClip c = clipAt(s.getDropLocation().getDropPoint().x, s.getDropLocation().getDropPoint().y);
                    if (speaker < 0 || c == null) {
                        return false;
                    }
                    model.assign(c, speaker);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }
        });
    }

    private void bindKeys() {
        key("LEFT", "talkfx-prev-clip", () -> step(-1));
        key("RIGHT", "talkfx-next-clip", () -> step(1));
        key("HOME", "talkfx-first-clip", () -> {
            selectedId = null;
            step(1);
        });
        Runnable toggle = () -> {
            LaneClip c = selected();
            if (c != null) {
                int s = activeSpeaker.getAsInt();
                model.assign(c, model.speakerOf(c) == s ? 0 : s);
            }
        };
        key("ENTER", "talkfx-assign-clip", toggle);
        key("SPACE", "talkfx-assign-clip", toggle);
        Runnable release = () -> {
            LaneClip c = selected();
            if (c != null) {
                model.assign(c, 0);
            }
        };
        key("DELETE", "talkfx-release-clip", release);
        key("BACK_SPACE", "talkfx-release-clip", release);
        key("shift F10", "talkfx-clip-menu", () -> {
            Rectangle r = selectedId == null ? null : clipBounds(selectedId);
            if (r != null) {
                speakerMenu(selected()).show(this, r.x, r.y + r.height);
            }
        });
    }

    private void key(String stroke, String name, Runnable body) {
        getInputMap(WHEN_FOCUSED).put(javax.swing.KeyStroke.getKeyStroke(stroke), name);
        getActionMap().put(name, new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                body.run();
            }
        });
    }

    private List<LaneClip> allClips() {
        return model.lanes().stream().flatMap(l -> l.clips().stream()).toList();
    }

    private LaneClip selected() {
        return allClips().stream().filter(c -> c.id().equals(selectedId)).findFirst().orElse(null);
    }

    private void step(int by) {
        List<LaneClip> clips = allClips();
        if (clips.isEmpty()) {
            return;
        }
        int at = -1;
        for (int i = 0; i < clips.size(); i++) {
            if (clips.get(i).id().equals(selectedId)) {
                at = i;
            }
        }
        int next = at < 0 ? (by > 0 ? 0 : clips.size() - 1) : Math.floorMod(at + by, clips.size());
        selectedId = clips.get(next).id();
        repaint();
    }

    /** The keyboard's clip, for tests. */
    String selectedClipId() {
        return selectedId;
    }

    private JPopupMenu speakerMenu(LaneClip c) {
        JPopupMenu m = new JPopupMenu();
        for (int s = 1; s <= 4; s++) {
            int speaker = s;
            JMenuItem item = new JMenuItem("Speaker " + s);
            item.setMnemonic('0' + s);
            item.setForeground(SpeakerColors.of(s).darker());
            item.addActionListener(e -> model.assign(c, speaker));
            m.add(item);
        }
        JMenuItem none = new JMenuItem("No speaker");
        none.setMnemonic('N');
        none.addActionListener(e -> model.assign(c, 0));
        m.add(none);
        return m;
    }

    private void requestPeaks() {
        for (Lane l : model.lanes()) {
            for (LaneClip c : l.clips()) {
                Path m = c.media();
                if (m == null || !c.usable() || loaded.containsKey(m) || failed.containsKey(m)) {
                    continue;
                }
                failed.put(m, "loading");     // a placeholder so one request is made per file
                peaks.get(m).whenComplete((p, err) -> SwingUtilities.invokeLater(() -> {
                    if (p != null) {
                        failed.remove(m);
                        loaded.put(m, p);
                    } else {
                        failed.put(m, err.getCause() != null ? err.getCause().getMessage() : err.getMessage());
                    }
                    revalidate();
                    repaint();
                }));
            }
        }
    }

    /** True once every usable clip's waveform is loaded (or failed); for tests and the status line. */
    boolean waveformsSettled() {
        return failed.values().stream().noneMatch("loading"::equals);
    }

    int loadedWaveforms() {
        return loaded.size();
    }

    // ---- geometry -------------------------------------------------------------------------------------------

    private int rulerHeight() {
        return (int) (getFontMetrics(getFont()).getHeight() * 1.8);
    }

    private int laneHeight() {
        return getFontMetrics(getFont()).getHeight() * 3;
    }

    private int headerWidth() {
        return getFontMetrics(getFont()).stringWidth("MMMMMMMMMMMM");
    }

    private double[] span(LaneClip c) {
        TimeRange eff = model.effectRange();
        if (c.timelineRange() != null && eff != null) {
            double s = c.timelineRange().start().minus(eff.start()).seconds();
            return new double[] {s, s + c.timelineRange().duration().seconds()};
        }
        Peaks p = c.media() == null ? null : loaded.get(c.media());
        return new double[] {c.offsetSeconds(), c.offsetSeconds() + (p != null ? p.durationSeconds() : UNKNOWN_LENGTH)};
    }

    private double effectSeconds() {
        TimeRange eff = model.effectRange();
        if (eff != null) {
            return eff.duration().seconds();
        }
        Long out = model.base().source().outFrame();
        return out != null ? model.secondsOfFrame(out) : 0;
    }

    private void computeSpan() {
        double lo = 0;
        double hi = Math.max(effectSeconds(), 1.0);
        for (Lane l : model.lanes()) {
            for (LaneClip c : l.clips()) {
                double[] s = span(c);
                if (Double.isFinite(s[0]) && Double.isFinite(s[1])) {
                    lo = Math.min(lo, s[0]);
                    hi = Math.max(hi, s[1]);
                }
            }
        }
        double pad = (hi - lo) * 0.02;
        t0 = lo - pad;
        t1 = hi + pad;
    }

    private int xAt(double t) {
        int left = headerWidth();
        return left + (int) Math.round((t - t0) / (t1 - t0) * (getWidth() - left - 1));
    }

    double timeAt(int x) {
        int left = headerWidth();
        return t0 + (x - left) / (double) Math.max(1, getWidth() - left - 1) * (t1 - t0);
    }

    /** Where clip {@code id} is drawn (for tests driving the view with real mouse events), or null. */
    Rectangle clipBounds(String id) {
        return hits.stream().filter(h -> h.clip().id().equals(id)).map(h -> new Rectangle(h.box())).findFirst().orElse(null);
    }

    /** X of a time (seconds of the effect clip) and the ruler's middle Y, for tests. */
    java.awt.Point rulerPoint(double seconds) {
        return new java.awt.Point(xAt(seconds), rulerHeight() / 2);
    }

    LaneClip clipAt(int x, int y) {
        for (Hit h : hits) {
            if (h.box().contains(x, y)) {
                return h.clip();
            }
        }
        return null;
    }

    @Override
    public Dimension getPreferredSize() {
        FontMetrics fm = getFontMetrics(getFont());
        return new Dimension(fm.charWidth('m') * 80, rulerHeight() + Math.max(1, model.lanes().size()) * laneHeight() + fm.getHeight());
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        LaneClip c = clipAt(e.getX(), e.getY());
        if (c == null) {
            return e.getY() < rulerHeight() ? "Click: playhead; drag: exclude range (no lip-sync); right-click: remove one" : null;
        }
        int s = model.speakerOf(c);
        String err = c.media() == null ? null : failed.get(c.media());
        return "<html><b>" + c.name() + "</b> (" + c.laneName() + ")<br>offset " + Timecodes.offset(c.offsetSeconds(), model.rate())
                + (s > 0 ? "<br>speaker " + s : "<br>no speaker: click to assign")
                + (c.problem() != null ? "<br><font color=red>" + c.problem() + "</font>" : "")
                + (err != null && !"loading".equals(err) ? "<br><font color=red>waveform: " + err + "</font>" : "") + "</html>";
    }

    // ---- painting -------------------------------------------------------------------------------------------

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        computeSpan();
        FontMetrics fm = g.getFontMetrics(getFont());
        int w = getWidth();
        int h = getHeight();
        int ruler = rulerHeight();
        int lane = laneHeight();
        int left = headerWidth();
        g.setColor(new Color(0x2B2B2B));
        g.fillRect(0, 0, w, h);
        // effect clip
        g.setColor(new Color(0x3A4A5A));
        g.fillRect(xAt(0), 0, Math.max(1, xAt(effectSeconds()) - xAt(0)), h);
        paintRuler(g, fm, left, w, ruler);
        hits.clear();
        List<Lane> lanes = model.lanes();
        for (int i = 0; i < lanes.size(); i++) {
            Lane l = lanes.get(i);
            int y = ruler + i * lane;
            g.setColor(new Color(0x333333));
            g.fillRect(0, y, left, lane - 1);
            g.setColor(Color.LIGHT_GRAY);
            g.drawString(fit(fm, l.name(), left - fm.charWidth('m')), fm.charWidth('m') / 2, y + fm.getAscent() + 2);
            g.setColor(Color.GRAY);
            g.drawString(l.kind() == TrackKind.AUDIO ? "audio" : "video (its audio)", fm.charWidth('m') / 2, y + fm.getAscent() + fm.getHeight() + 2);
            g.setColor(new Color(0x444444));
            g.drawLine(0, y + lane - 1, w, y + lane - 1);
            Graphics2D lg = (Graphics2D) g.create(left, 0, w - left, h);
            lg.translate(-left, 0);
            for (LaneClip c : l.clips()) {
                paintClip(lg, fm, c, y + 2, lane - 5);
            }
            lg.dispose();
        }
        paintExcludes(g, ruler, h);
        int px = xAt(model.secondsOfFrame(model.playheadFrame()));
        g.setColor(Color.RED);
        g.drawLine(px, 0, px, h);
        if (dragFromX >= 0) {
            g.setColor(new Color(255, 80, 80, 90));
            g.fillRect(Math.min(dragFromX, dragToX), 0, Math.abs(dragToX - dragFromX), h);
        }
        if (lanes.isEmpty()) {
            g.setColor(Color.LIGHT_GRAY);
            g.drawString("Import a timeline (Ctrl+I) or add audio files (Ctrl+Shift+A)", left + fm.charWidth('m'), ruler + fm.getHeight() * 2);
        }
        g.dispose();
    }

    private void paintRuler(Graphics2D g, FontMetrics fm, int left, int w, int ruler) {
        g.setColor(new Color(0x202020));
        g.fillRect(0, 0, w, ruler);
        g.setColor(Color.LIGHT_GRAY);
        double rate = model.rate();
        double step = niceStep((t1 - t0) / Math.max(1, (w - left) / (fm.stringWidth("+00:00:00:00") * 1.5)));
        for (double t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
            int x = xAt(t);
            g.drawLine(x, ruler - fm.getDescent() - 2, x, ruler);
            g.drawString(Timecodes.offset(t, rate), x + 2, fm.getAscent());
        }
        g.drawString(model.audioMode() == org.talkfx.shot.AudioMode.PARA ? "para" : "add", fm.charWidth('m') / 2, fm.getAscent());
    }

    private static double niceStep(double raw) {
        double[] steps = {0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
        for (double s : steps) {
            if (s >= raw) {
                return s;
            }
        }
        return 7200;
    }

    /** Exclude ranges: hatched across the lanes and a red bar at the ruler's foot (its labels stay readable). */
    private void paintExcludes(Graphics2D g, int ruler, int h) {
        int bar = Math.max(3, ruler / 5);
        for (FrameRange r : model.excludes()) {
            int a = xAt(model.secondsOfFrame(r.start()));
            int b = xAt(model.secondsOfFrame(r.end()));
            int w = Math.max(1, b - a);
            g.setColor(new Color(220, 40, 40, 60));
            g.fillRect(a, ruler, w, h - ruler);
            g.setColor(new Color(230, 60, 60));
            g.fillRect(a, ruler - bar, w, bar);
            Graphics2D hg = (Graphics2D) g.create(a, ruler, w, h - ruler);
            hg.setStroke(new BasicStroke(1f));
            for (int x = -h; x < w; x += Math.max(4, bar * 2)) {
                hg.drawLine(x, h, x + h, 0);
            }
            hg.dispose();
        }
    }

    private void paintClip(Graphics2D g, FontMetrics fm, LaneClip c, int y, int height) {
        double[] s = span(c);
        int x0 = xAt(s[0]);
        int x1 = Math.max(x0 + 2, xAt(s[1]));
        int speaker = model.speakerOf(c);
        Color base = speaker > 0 ? SpeakerColors.of(speaker) : c.kind() == TrackKind.AUDIO ? new Color(0x5A6570) : new Color(0x4A4F55);
        Rectangle box = new Rectangle(x0, y, x1 - x0, height);
        hits.add(new Hit(box, c));
        g.setColor(SpeakerColors.translucent(base, speaker > 0 ? 200 : 150));
        g.fillRoundRect(box.x, box.y, box.width, box.height, 6, 6);
        Peaks p = c.media() == null ? null : loaded.get(c.media());
        if (p != null) {
            g.setColor(speaker > 0 ? base.darker().darker() : new Color(0xB0B8C0));
            int mid = y + height / 2;
            int half = height / 2 - 2;
            for (int x = Math.max(x0, 0); x < x1; x++) {
                // media time under this pixel: timeline time minus where the file's first sample sits
                double ta = timeAt(x) - c.offsetSeconds();
                double tb = timeAt(x + 1) - c.offsetSeconds();
                float[] mm = p.range(ta, tb);
                g.drawLine(x, mid - Math.round(mm[1] * half), x, mid - Math.round(mm[0] * half));
            }
        }
        if (!c.usable()) {
            g.setColor(new Color(255, 90, 90));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            g.drawRoundRect(box.x, box.y, box.width, box.height, 6, 6);
            g.setStroke(new BasicStroke(1f));
        } else if (speaker > 0) {
            g.setColor(base.brighter());
            g.setStroke(new BasicStroke(2f));
            g.drawRoundRect(box.x, box.y, box.width, box.height, 6, 6);
            g.setStroke(new BasicStroke(1f));
        }
        if (hasFocus() && c.id().equals(selectedId)) {
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            g.drawRect(box.x - 2, box.y - 1, box.width + 3, box.height + 2);
            g.setStroke(new BasicStroke(1f));
        }
        g.setColor(Color.WHITE);
        String label = (speaker > 0 ? "S" + speaker + "  " : "") + c.name() + "  " + Timecodes.offset(c.offsetSeconds(), model.rate())
                + (c.usable() ? "" : "  (" + c.problem() + ")");
        Graphics2D tg = (Graphics2D) g.create(box.x, box.y, box.width, box.height);
        tg.drawString(label, 4, fm.getAscent() + 1);
        tg.dispose();
    }

    private static String fit(FontMetrics fm, String s, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String e = s;
        while (e.length() > 1 && fm.stringWidth(e + "…") > width) {
            e = e.substring(0, e.length() - 1);
        }
        return e + "…";
    }
}
