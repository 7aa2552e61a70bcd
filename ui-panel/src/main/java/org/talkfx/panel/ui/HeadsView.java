package org.talkfx.panel.ui;

import org.talkfx.inference.face.Box;
import org.talkfx.inference.face.HeadMasks;
import org.talkfx.inference.face.MaskStyle;
import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.work.HeadScan;
import org.talkfx.shot.Region;
import org.talkfx.shot.RegionKind;

import javax.swing.JComponent;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The source frame under the playhead with the detected heads framed in their speaker's colour and the region
 * that will change tinted over it (recomputed live from feather and expand). Click a head to give it to the active
 * speaker; click it again to release it.
 */
final class HeadsView extends JComponent {
    /** The overlay is computed at most this wide: enough to judge the edge, cheap enough for every slider move. */
    private static final int OVERLAY_WIDTH = 480;
    private final PanelModel model;
    private final IntSupplier activeSpeaker;
    private BufferedImage frame;
    private List<HeadScan.Head> heads = List.of();
    private BufferedImage overlay;
    private String message = "No source frame yet";

    HeadsView(PanelModel model, IntSupplier activeSpeaker) {
        this.model = model;
        this.activeSpeaker = activeSpeaker;
        setName("heads");
        model.addListener(c -> {
            if (c == PanelModel.Change.REGION || c == PanelModel.Change.SPEAKERS || c == PanelModel.Change.DOCUMENT) {
                rebuildOverlay();
            }
            repaint();
        });
        addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                HeadScan.Head h = headAt(e.getX(), e.getY());
                if (h != null) {
                    int s = activeSpeaker.getAsInt();
                    int current = model.speakerOfFace(h.track());
                    if (s == 0 || current == s) {
                        if (current > 0) {
                            model.assignFace(null, current);
                        }
                    } else {
                        model.assignFace(h.track(), s);
                    }
                }
            }
        });
    }

    void showFrame(BufferedImage img, List<HeadScan.Head> found, String msg) {
        frame = img;
        heads = List.copyOf(found);
        message = msg;
        rebuildOverlay();
        repaint();
    }

    void setMessage(String msg) {
        message = msg;
        repaint();
    }

    List<HeadScan.Head> heads() {
        return heads;
    }

    private Rectangle imageRect() {
        if (frame == null) {
            return new Rectangle();
        }
        FontMetrics fm = getFontMetrics(getFont());
        int avail = getHeight() - fm.getHeight() * 2;
        double scale = Math.min(getWidth() / (double) frame.getWidth(), avail / (double) frame.getHeight());
        int w = (int) (frame.getWidth() * scale);
        int h = (int) (frame.getHeight() * scale);
        return new Rectangle((getWidth() - w) / 2, fm.getHeight() * 2, w, h);
    }

    /** Where head {@code track} is drawn, for tests clicking it. */
    Rectangle headBounds(int track) {
        Rectangle r = imageRect();
        for (HeadScan.Head h : heads) {
            if (h.track() == track) {
                double s = r.width / (double) frame.getWidth();
                return new Rectangle(r.x + (int) (h.x() * s), r.y + (int) (h.y() * s), (int) (h.width() * s), (int) (h.height() * s));
            }
        }
        return null;
    }

    private HeadScan.Head headAt(int x, int y) {
        if (frame == null) {
            return null;
        }
        Rectangle r = imageRect();
        double s = r.width / (double) frame.getWidth();
        double px = (x - r.x) / s;
        double py = (y - r.y) / s;
        return heads.stream().filter(h -> h.contains(px, py)).findFirst().orElse(null);
    }

    private void rebuildOverlay() {
        overlay = null;
        if (frame == null) {
            return;
        }
        Region region = model.region();
        double scale = Math.min(1.0, OVERLAY_WIDTH / (double) frame.getWidth());
        int w = Math.max(1, (int) Math.round(frame.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(frame.getHeight() * scale));
        float[] mask;
        if (region.kind() == RegionKind.WHOLE_FRAME) {
            mask = new float[w * h];
            java.util.Arrays.fill(mask, 1f);
        } else if (region.kind() == RegionKind.HEADS_ONLY && !heads.isEmpty()) {
            List<HeadScan.Head> chosen = heads.stream().filter(x -> model.speakerOfFace(x.track()) > 0).toList();
            List<Box> boxes = new ArrayList<>();
            float side = 0;
            for (HeadScan.Head x : chosen.isEmpty() ? heads : chosen) {
                boxes.add(new Box((float) (x.x() * scale), (float) (x.y() * scale), (float) (x.width() * scale), (float) (x.height() * scale)));
                side += Math.min(x.width(), x.height());
            }
            side /= boxes.size();
            // Region feather/expand are source pixels; the mask style wants fractions of the head's smaller side.
            float expand = (float) Math.max(-0.49, Math.min(2.0, region.expand() / side));
            float feather = (float) Math.max(0, Math.min(2.0, region.feather() / side));
            mask = HeadMasks.render(w, h, boxes, new MaskStyle(MaskStyle.Shape.ELLIPSE, expand, feather));
        } else {
            return;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            int a = Math.round(Math.max(0, Math.min(1, mask[i])) * 110);
            px[i] = a << 24 | 0x30C0FF;
        }
        img.setRGB(0, 0, w, h, px, 0, w);
        overlay = img;
    }

    /** The live overlay (null when nothing is tinted), for tests. */
    BufferedImage overlay() {
        return overlay;
    }

    @Override
    public Dimension getPreferredSize() {
        FontMetrics fm = getFontMetrics(getFont());
        return new Dimension(fm.charWidth('m') * 50, fm.getHeight() * 24);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(new Color(0x202020));
        g.fillRect(0, 0, getWidth(), getHeight());
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.LIGHT_GRAY);
        g.drawString(message, fm.charWidth('m'), fm.getAscent() + fm.getHeight() / 2);
        if (frame != null) {
            Rectangle r = imageRect();
            g.drawImage(frame, r.x, r.y, r.width, r.height, null);
            if (overlay != null) {
                g.setComposite(AlphaComposite.SrcOver);
                g.drawImage(overlay, r.x, r.y, r.width, r.height, null);
            }
            double s = r.width / (double) frame.getWidth();
            for (HeadScan.Head h : heads) {
                int speaker = model.speakerOfFace(h.track());
                Color c = speaker > 0 ? SpeakerColors.of(speaker) : Color.WHITE;
                g.setColor(c);
                g.setStroke(speaker > 0 ? new BasicStroke(3f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                int x = r.x + (int) (h.x() * s);
                int y = r.y + (int) (h.y() * s);
                g.drawRect(x, y, (int) (h.width() * s), (int) (h.height() * s));
                String label = "track " + h.track() + (speaker > 0 ? " → speaker " + speaker : " (click to assign)");
                g.fillRect(x, y - fm.getHeight(), fm.stringWidth(label) + 6, fm.getHeight());
                g.setColor(Color.BLACK);
                g.drawString(label, x + 3, y - fm.getDescent());
            }
        }
        g.dispose();
    }
}
