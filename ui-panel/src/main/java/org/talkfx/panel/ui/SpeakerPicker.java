package org.talkfx.panel.ui;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.TransferHandler;
import java.awt.FlowLayout;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.event.ActionEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The speaker that clicks assign (1-4, keys 1-4 anywhere in the window, 0 = "none" clears). Each button can also be
 * dragged onto a clip or a head to assign that speaker directly.
 */
final class SpeakerPicker extends JPanel {
    static final String DRAG_PREFIX = "talkfx-speaker:";
    private final List<JToggleButton> buttons = new ArrayList<>();
    private final List<IntConsumer> listeners = new ArrayList<>();
    private int active = 1;

    SpeakerPicker() {
        super(new FlowLayout(FlowLayout.LEADING));
        add(new JLabel("Assign to:"));
        ButtonGroup group = new ButtonGroup();
        for (int s = 0; s <= 4; s++) {
            int speaker = s;
            JToggleButton b = new JToggleButton(s == 0 ? "None" : "Speaker " + s);
            b.setName("speaker-" + s);
            b.setMnemonic('0' + s);
            b.setToolTipText(s == 0 ? "Clicks release clips and heads (key 0)" : "Clicks assign to speaker " + s + " (key " + s + "); drag onto a clip or head");
            if (s > 0) {
                b.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(0, 0, 4, 0, SpeakerColors.of(s)), b.getBorder()));
                b.setTransferHandler(new TransferHandler() {
                    @Override
                    public int getSourceActions(JComponent c) {
                        return COPY;
                    }

                    @Override
                    protected Transferable createTransferable(JComponent c) {
                        return new StringSelection(DRAG_PREFIX + speaker);
                    }
                });
                b.addMouseMotionListener(new MouseAdapter() {
                    @Override
                    public void mouseDragged(MouseEvent e) {
                        b.getTransferHandler().exportAsDrag(b, e, TransferHandler.COPY);
                    }
                });
            }
            b.addActionListener(e -> select(speaker));
            group.add(b);
            buttons.add(b);
            add(b);
        }
        buttons.get(1).setSelected(true);
    }

    /** Binds keys 0-4 in {@code root} (when focused anywhere inside it) to choosing the speaker. */
    void bindKeys(JComponent root) {
        for (int s = 0; s <= 4; s++) {
            int speaker = s;
            String name = "talkfx-speaker-" + s;
            root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke((char) ('0' + s)), name);
            root.getActionMap().put(name, new AbstractAction() {
                @Override
                public void actionPerformed(ActionEvent e) {
                    select(speaker);
                }
            });
        }
    }

    void select(int speaker) {
        active = speaker;
        buttons.get(speaker).setSelected(true);
        listeners.forEach(l -> l.accept(speaker));
    }

    int active() {
        return active;
    }

    void onChange(IntConsumer l) {
        listeners.add(l);
    }

    JToggleButton button(int speaker) {
        return buttons.get(speaker);
    }

    /** The speaker a dropped string names, or -1. */
    static int parseDrop(String s) {
        if (s == null || !s.startsWith(DRAG_PREFIX)) {
            return -1;
        }
        try {
            int n = Integer.parseInt(s.substring(DRAG_PREFIX.length()));
            return n >= 0 && n <= 4 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
